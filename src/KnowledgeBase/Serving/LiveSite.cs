using System.Diagnostics;
using KnowledgeBase.Aggregation;
using KnowledgeBase.Aggregation.Metrics;
using KnowledgeBase.Aggregation.Similarity;
using KnowledgeBase.Markdown;
using KnowledgeBase.Model;
using KnowledgeBase.Pipeline;
using KnowledgeBase.Reading;
using KnowledgeBase.Rendering;
using KnowledgeBase.Validation;

namespace KnowledgeBase.Serving;

/// <summary>
/// The site <c>kb serve</c> shows, kept in memory between edits. An update re-parses only the changed files and
/// re-renders only their Markdown (all bodies only when the set of ids or files changes, since body links
/// resolve against it), then re-runs the cheap cross-file stages (validate, aggregate) and publishes a new
/// <see cref="LiveSnapshot"/>; metrics and similar incidents — the slow cross-file stages — follow in the
/// background. A failed update leaves the last good snapshot in place. Same stages and rules as
/// <c>kb build</c> (SiteBuilder); <see cref="Update"/> must not be called concurrently.
/// </summary>
public sealed class LiveSite(LiveSiteOptions options)
{
    private readonly string _inputDir = Path.GetFullPath(options.InputDir);
    private readonly PostmortemFiles _files = new(Path.GetFullPath(options.InputDir));
    private readonly Dictionary<string, (Incident Source, RenderedIncident Rendered, IReadOnlyList<Diagnostic> Diagnostics)> _bodies = new(StringComparer.Ordinal);
    private SiteSettings _settings = new();
    private IReadOnlyList<Diagnostic> _settingsDiagnostics = [];
    private ThemeBundle? _theme;
    private Diagnostic? _themeError;
    private Dictionary<string, string> _linkIds = new(StringComparer.Ordinal);
    private HashSet<string> _linkIncluded = new(StringComparer.Ordinal);
    private LiveSnapshot? _current;
    private IReadOnlyList<Diagnostic>? _errors = [];
    private int _version;
    private bool _started;

    /// <summary>The last good state (null until the input has built once); safe to read from any thread.</summary>
    public LiveSnapshot? Current => Volatile.Read(ref _current);

    /// <summary>The errors that keep the input from building now, or null when the current snapshot is its latest state.</summary>
    public IReadOnlyList<Diagnostic>? Errors => Volatile.Read(ref _errors);

    public string InputDir => _inputDir;

    public LiveUpdate Update(ChangeSet changes)
    {
        var clock = Stopwatch.StartNew();
        if (changes.Settings || !_started)
        {
            var diagnostics = new List<Diagnostic>();
            // The preview is served from the root of 127.0.0.1, whatever base_url the published site has.
            _settings = SiteSettingsReader.Read(_inputDir, diagnostics) with { BaseUrl = "/" };
            _settingsDiagnostics = diagnostics;
            // Parsing depends on the settings (severities, default language): every file is read again.
            _files.Clear();
            _bodies.Clear();
            changes = ChangeSet.Everything();
            _started = true;
        }

        var folderDiagnostics = new List<Diagnostic>();
        var reparsed = _files.Refresh(changes, _settings, folderDiagnostics);
        var reads = _files.Entries.Select(e => e.Read).OfType<IncidentReader.ReadResult>().ToList();

        if (changes.Theme || _theme is null) LoadTheme(reads);

        var all = new List<Diagnostic>(_settingsDiagnostics);
        all.AddRange(folderDiagnostics);
        if (_themeError is not null) all.Add(_themeError);
        foreach (var entry in _files.Entries) all.AddRange(entry.Diagnostics);

        // validate: cross-file rules see files with errors too, so one update reports everything (as kb build).
        var checkable = reads.Select(r => r.Partial).OfType<Incident>().ToList();
        all.AddRange(SiteValidator.Check(checkable, reads.Select(r => r.ClaimedId).OfType<string>()));
        var parsed = reads.Select(r => r.Valid).OfType<Incident>().ToList();
        var selection = new BuildOptions { InputDir = _inputDir, OutputDir = "", IncludeDrafts = options.IncludeDrafts };
        var included = parsed.Where(i => IncidentSelection.Includes(i, selection)).ToList();
        if (all.Any(d => d.IsError)) return Failed(all, reparsed, 0, clock);

        var (rendered, rerendered) = RenderBodies(parsed, included, all);
        if (all.Any(d => d.IsError)) return Failed(all, reparsed, rerendered, clock);
        try
        {
            foreach (var language in included.Select(i => i.Language).Distinct()) _theme!.Strings.For(language);
        }
        catch (ThemeException e)
        {
            all.Add(ThemeError(e));
            return Failed(all, reparsed, rerendered, clock);
        }

        var asOf = options.AsOf ?? DateOnly.FromDateTime(DateTime.Today);
        var site = SiteAggregator.Aggregate(rendered, _settings, asOf);
        var snapshot = Publish(site, asOf);
        Volatile.Write(ref _errors, null);
        return new LiveUpdate(snapshot, Sorted(all), reparsed, rerendered, clock.Elapsed);
    }

    private LiveUpdate Failed(List<Diagnostic> all, IReadOnlyList<string> reparsed, int rerendered, Stopwatch clock)
    {
        var sorted = Sorted(all);
        Volatile.Write(ref _errors, sorted.Where(d => d.IsError).ToList());
        return new LiveUpdate(null, sorted, reparsed, rerendered, clock.Elapsed);
    }

    private void LoadTheme(IReadOnlyList<IncidentReader.ReadResult> reads)
    {
        try
        {
            var languages = reads.Select(r => r.Valid?.Language).OfType<string>().Append(_settings.DefaultLanguage).Distinct().ToList();
            _theme = ThemeBundle.Load(options.ThemeDirs, languages);
            _themeError = null;
        }
        catch (ThemeException e)
        {
            _theme = null;
            _themeError = ThemeError(e);
        }
    }

    private static Diagnostic ThemeError(ThemeException e) => new(DiagnosticLevel.Error, "theme", 0, 0, "", e.Message);

    /// <summary>
    /// The "markdown" stage, cached per incident: a body is rendered again when its file was re-parsed, or when
    /// the files, ids or included set changed (body links resolve against them).
    /// </summary>
    private (List<RenderedIncident> Rendered, int Count) RenderBodies(List<Incident> parsed, List<Incident> included, List<Diagnostic> all)
    {
        var ids = parsed.ToDictionary(i => i.SourcePath, i => i.Id, StringComparer.Ordinal);
        var includedIds = included.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        if (!SameLinks(ids, includedIds))
        {
            _bodies.Clear();
            _linkIds = ids;
            _linkIncluded = includedIds;
        }
        foreach (var gone in _bodies.Keys.Where(k => !ids.ContainsKey(k)).ToList()) _bodies.Remove(gone);

        var stale = included.Where(i => !_bodies.TryGetValue(i.SourcePath, out var b) || !ReferenceEquals(b.Source, i)).ToList();
        var markdown = new PostmortemMarkdown(MarkdownPipelineFactory.Create(), new BodyLinkResolver(_linkIds, _linkIncluded, _settings.BasePath))
        {
            TrustHtml = _settings.TrustHtml,
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

    private bool SameLinks(Dictionary<string, string> ids, HashSet<string> includedIds) =>
        ids.Count == _linkIds.Count && includedIds.SetEquals(_linkIncluded)
        && ids.All(kv => _linkIds.TryGetValue(kv.Key, out var id) && id == kv.Value);

    /// <summary>
    /// Makes the aggregated site current. The first time, metrics and similar incidents are computed here; later
    /// the previous ones stand in (pointed at this update's incidents) until the background run finishes.
    /// </summary>
    private LiveSnapshot Publish(SiteModel site, DateOnly asOf)
    {
        var version = ++_version;
        var previous = Current;
        if (previous?.Site.Metrics is null)
        {
            var complete = Complete(site, asOf);
            var first = new LiveSnapshot(version, complete, _theme!, options.PageFilter, null);
            Volatile.Write(ref _current, first);
            return first;
        }

        var stand = site with { Metrics = previous.Site.Metrics, Similar = Remap(previous.Site.Similar, site.ById) };
        var completion = new TaskCompletionSource<LiveSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        var snapshot = new LiveSnapshot(version, stand, _theme!, options.PageFilter, completion.Task);
        Volatile.Write(ref _current, snapshot);
        _ = Task.Run(() =>
        {
            try
            {
                var done = snapshot.WithCompleteSite(Complete(site, asOf));
                // Only if no newer update has replaced it meanwhile.
                Interlocked.CompareExchange(ref _current, done, snapshot);
                completion.SetResult(done);
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        });
        return snapshot;
    }

    private static SiteModel Complete(SiteModel site, DateOnly asOf)
    {
        var withMetrics = site with { Metrics = SiteMetrics.Build(site) };
        return withMetrics with { Similar = SimilarIncidents.Find(site.Incidents, asOf) };
    }

    /// <summary>The previous similar lists, pointing at the current incidents (titles as edited), without removed ones.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<SimilarIncident>> Remap(
        IReadOnlyDictionary<string, IReadOnlyList<SimilarIncident>> similar, IReadOnlyDictionary<string, RenderedIncident> byId)
    {
        var result = new Dictionary<string, IReadOnlyList<SimilarIncident>>(similar.Count, StringComparer.Ordinal);
        foreach (var (id, list) in similar)
            if (byId.ContainsKey(id))
                result[id] = list.Where(s => byId.ContainsKey(s.Incident.Id)).Select(s => s with { Incident = byId[s.Incident.Id] }).ToList();
        return result;
    }

    private static IReadOnlyList<Diagnostic> Sorted(IEnumerable<Diagnostic> diagnostics)
    {
        var bag = new DiagnosticBag();
        foreach (var d in diagnostics) bag.Add(d);
        return bag.Sorted();
    }
}
