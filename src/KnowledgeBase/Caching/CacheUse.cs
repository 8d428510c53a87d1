namespace KnowledgeBase.Caching;

/// <summary>How much of a build came from the build cache (<c>kb build -v</c> prints it; tests check it).</summary>
/// <param name="Loaded">A trustworthy cache of the previous build was found.</param>
/// <param name="SiteReused">Nothing changed since: the previous site was kept as it is, no stage ran.</param>
public sealed record CacheUse(bool Loaded, bool SiteReused, int ParseCached, int Parsed, int MarkdownCached, int MarkdownRendered)
{
    public static readonly CacheUse None = new(false, false, 0, 0, 0, 0);
}
