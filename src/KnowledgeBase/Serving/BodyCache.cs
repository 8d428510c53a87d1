using KnowledgeBase.Aggregation;
using KnowledgeBase.Markdown;
using KnowledgeBase.Model;
using KnowledgeBase.Pipeline;

namespace KnowledgeBase.Serving;

/// <summary>kb serve's "markdown" stage: each body rendered by <see cref="PostmortemMarkdown"/>, kept until its file or the link map changes.</summary>
public sealed class BodyCache(PostmortemFiles files, BuildOptions selection, SiteSettings settings)
{
    private readonly Dictionary<string, (Incident Source, RenderedIncident Rendered, IReadOnlyList<Diagnostic> Diagnostics)> _bodies = new(StringComparer.Ordinal);
    private readonly Markdig.MarkdownPipeline _pipeline = MarkdownPipelineFactory.Create();
    private Dictionary<string, string> _linkIds = new(StringComparer.Ordinal);
    private HashSet<string> _linkIncluded = new(StringComparer.Ordinal);

    /// <summary>
    /// The "markdown" stage, cached per incident: a body is rendered again when its file was re-parsed, or when
    /// the files, ids or included set changed (body links resolve against them).
    /// </summary>
    public (List<RenderedIncident> Rendered, int Count) Render(List<Incident> parsed, List<Incident> included,
        IReadOnlyList<string> reparsed, List<Diagnostic> all)
    {
        if (!LinksUnchanged(parsed, included, reparsed))
        {
            var ids = parsed.ToDictionary(i => i.SourcePath, i => i.Id, StringComparer.Ordinal);
            var includedIds = included.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
            if (!SameLinks(ids, includedIds)) _bodies.Clear();
            _linkIds = ids;
            _linkIncluded = includedIds;
            foreach (var gone in _bodies.Keys.Where(k => !ids.ContainsKey(k)).ToList()) _bodies.Remove(gone);
        }

        var stale = included.Where(i => !_bodies.TryGetValue(i.SourcePath, out var b) || !ReferenceEquals(b.Source, i)).ToList();
        var markdown = new PostmortemMarkdown(_pipeline, new BodyLinkResolver(_linkIds, _linkIncluded, settings.BasePath))
        {
            TrustHtml = settings.TrustHtml,
        };
        var fresh = Parallelism.Map(stale, i =>
        {
            var diagnostics = new List<Diagnostic>();
            return (Source: i, Rendered: new RenderedIncident(i, markdown.Render(i, diagnostics)), Diagnostics: (IReadOnlyList<Diagnostic>)diagnostics);
        });
        foreach (var f in fresh) _bodies[f.Source.SourcePath] = f;

        var rendered = new List<RenderedIncident>(included.Count);
        foreach (var i in included)
        {
            var body = _bodies[i.SourcePath];
            all.AddRange(body.Diagnostics);
            rendered.Add(body.Rendered);
        }
        return (rendered, stale.Count);
    }

    /// <summary>
    /// The quick test for the usual edit: no file went away, the number of valid and included post-mortems is the
    /// same, and each re-read file still has the id and inclusion it had — so every body link resolves as before.
    /// </summary>
    private bool LinksUnchanged(List<Incident> parsed, List<Incident> included, IReadOnlyList<string> reparsed)
    {
        if (files.LastRemoved != 0 || parsed.Count != _linkIds.Count || included.Count != _linkIncluded.Count) return false;
        foreach (var path in reparsed)
        {
            if (files.Find(path)?.Read?.Valid is not { } now) return false;
            if (!_linkIds.TryGetValue(path, out var id) || id != now.Id) return false;
            if (_linkIncluded.Contains(id) != IncidentSelection.Includes(now, selection)) return false;
        }
        return true;
    }

    private bool SameLinks(Dictionary<string, string> ids, HashSet<string> includedIds) =>
        ids.Count == _linkIds.Count && includedIds.SetEquals(_linkIncluded)
        && ids.All(kv => _linkIds.TryGetValue(kv.Key, out var id) && id == kv.Value);
}
