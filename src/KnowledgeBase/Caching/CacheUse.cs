namespace KnowledgeBase.Caching;

/// <summary>Whether a build could use the site record (<c>kb build -v</c> prints it; tests check it).</summary>
/// <param name="Loaded">A trustworthy site record of the previous build was found.</param>
/// <param name="SiteReused">Nothing changed since: the previous site was kept as it is, no stage ran.</param>
public sealed record CacheUse(bool Loaded, bool SiteReused)
{
    public static readonly CacheUse None = new(false, false);
}
