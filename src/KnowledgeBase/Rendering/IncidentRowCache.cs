using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using KnowledgeBase.Rendering.Views;

namespace KnowledgeBase.Rendering;

/// <summary>
/// The HTML of each incident's list row (templates/incident-row.liquid), rendered once per language and reused on
/// every list that shows the incident: at 10,000 post-mortems a row appears on about ten pages (home, all incidents,
/// its tags, services, year, severity, causes). Kept per renderer, so one build or one kb serve snapshot: rows are
/// views of that site model, compared by reference.
/// </summary>
public sealed class IncidentRowCache
{
    /// <summary>Where the renderer hands the cache to Fluid (<c>TemplateContext.AmbientValues</c>).</summary>
    public const string AmbientKey = "kb.incident-rows";

    private readonly ConcurrentDictionary<Key, string> _html = new();

    public bool TryGet(IncidentRowView row, string language, out string html) =>
        _html.TryGetValue(new Key(row, language), out html!);

    public void Add(IncidentRowView row, string language, string html) => _html.TryAdd(new Key(row, language), html);

    public int Count => _html.Count;

    private readonly record struct Key(IncidentRowView Row, string Language)
    {
        public bool Equals(Key other) => ReferenceEquals(Row, other.Row) && string.Equals(Language, other.Language, StringComparison.Ordinal);

        public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(Row), Language);
    }
}
