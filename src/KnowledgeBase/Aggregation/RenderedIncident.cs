using KnowledgeBase.Markdown;
using KnowledgeBase.Model;

namespace KnowledgeBase.Aggregation;

/// <summary>An incident after the Markdown stage, with its effective lessons (front matter first, else the body's).</summary>
public sealed record RenderedIncident(Incident Incident, RenderedBody Body)
{
    public string Id => Incident.Id;

    public IReadOnlyList<string> Lessons => Incident.Lessons ?? Body.Lessons;

    /// <summary>Site-relative URL of the incident page, without the base path.</summary>
    public string Path => $"incidents/{Incident.Id}/";
}
