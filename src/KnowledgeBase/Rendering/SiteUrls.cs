using KnowledgeBase.Aggregation;

namespace KnowledgeBase.Rendering;

/// <summary>Every internal link, prefixed with the site's base path so the site works under a sub-folder.</summary>
public sealed class SiteUrls(string basePath)
{
    public string Base => basePath;

    public string Page(string sitePath) => basePath + sitePath;

    public string Incident(string id) => $"{basePath}incidents/{id}/";

    public string Term(string taxonomyKey, string slug) => $"{basePath}{taxonomyKey}/{Slug.Escape(slug)}/";

    public string LessonGroup(string taxonomyKey, string slug) => $"{basePath}lessons/{taxonomyKey}/{Slug.Escape(slug)}/";

    public string TermOf(Taxonomy taxonomy, string name) => Term(taxonomy.Key, Slug.From(name));

    /// <summary>The file a site path is written to: <c>tags/x/</c> → <c>tags/x/index.html</c>.</summary>
    public static string FileOf(string sitePath) => sitePath.Length == 0 || sitePath.EndsWith('/') ? sitePath + "index.html" : sitePath;
}
