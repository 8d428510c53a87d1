using KnowledgeBase.Aggregation;
using KnowledgeBase.Model;
using KnowledgeBase.Search;

namespace KnowledgeBase.Pipeline;

/// <summary>What the "search" stage indexes of each incident of the build.</summary>
public static class SearchDocuments
{
    /// <summary>Site folder of the search files (<c>/search/</c> is also the search page).</summary>
    public const string Folder = "search";

    /// <summary>Every incident of the site: the build's selection (<see cref="IncidentSelection"/>), nothing left out by it.</summary>
    public static IReadOnlyList<SearchDocument> From(SiteModel site)
    {
        // Tags are shown and filtered by their merged name ("Certificates" and "certificates" are one tag).
        var tagNames = site.Tags.Terms.ToDictionary(t => t.Slug, t => t.Name, StringComparer.Ordinal);
        return site.Incidents.Select(r => From(r, tag => tagNames.GetValueOrDefault(Slug.From(tag), tag))).ToList();
    }

    public static SearchDocument From(RenderedIncident r, Func<string, string>? tagName = null)
    {
        var i = r.Incident;
        return new SearchDocument(
            Id: i.Id,
            Language: i.Language,
            Title: i.Title,
            Summary: i.Summary,
            Tags: tagName is null ? i.Tags : i.Tags.Select(tagName).Distinct(StringComparer.Ordinal).ToList(),
            Services: i.Services,
            Lessons: r.Lessons,
            ActionTitles: i.Actions.Select(a => a.Title).ToList(),
            Body: r.Body.PlainText,
            Url: r.Path,
            Date: IsoDate.Format(i.Date),
            Severity: i.Severity);
    }
}
