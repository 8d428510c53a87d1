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
    private IncrementalValidation? _validation;
    private BodyCache? _bodies;
    private SiteSettings _settings = new();
    private IReadOnlyList<Diagnostic> _settingsDiagnostics = [];
    private ThemeBundle? _theme;
    private Diagnostic? _themeError;
    private LiveSnapshot? _current;
    private IReadOnlyList<Diagnostic>? _errors = [];
    private int _version;
    private Func<Task>? _pendingWork;
    private readonly BuildOptions _selection = new() { InputDir = options.InputDir, OutputDir = "", IncludeDrafts = options.IncludeDrafts, Public = options.Public };
    private bool _started;

    /// <summary>The last good state (null until the input has built once); safe to read from any thread.</summary>
    public LiveSnapshot? Current => Volatile.Read(ref _current);

    /// <summary>The errors that keep the input from building now, or null when the current snapshot is its latest state.</summary>
    public IReadOnlyList<Diagnostic>? Errors => Volatile.Read(ref _errors);

    public string InputDir => _inputDir;

    public LiveUpdate Update(ChangeSet changes)
    {
        // Background work a caller did not start would leave requests waiting on it: start it now.
        StartBackgroundWork();
        var clock = Stopwatch.StartNew();
        var stages = new List<StageTiming>();
        var lap = Stopwatch.StartNew();
        void Stage(string name, int count)
        {
            stages.Add(new StageTiming(name, count, lap.Elapsed));
            lap.Restart();
        }
        if (changes.Settings || !_started)
        {
            var diagnostics = new List<Diagnostic>();
            // The preview is served from the root of 127.0.0.1, whatever base_url the published site has.
            _settings = SiteSettingsReader.Read(_inputDir, diagnostics) with { BaseUrl = "/" };
            _settingsDiagnostics = diagnostics;
            // Parsing depends on the settings (severities, default language): every file is read again.
            _files.Clear();
            _bodies = new BodyCache(_files, _selection, _settings);
            _validation = new IncrementalValidation(_files);
            changes = ChangeSet.Everything();
            _started = true;
        }

        var folderDiagnostics = new List<Diagnostic>();
        var reparsed = _files.Refresh(changes, _settings, folderDiagnostics);
        var reads = _files.Entries.Select(e => e.Read).OfType<IncidentReader.ReadResult>().ToList();
        Stage("read+parse", reparsed.Count);

        if (changes.Theme || _theme is null) LoadTheme(reads);

        var all = new List<Diagnostic>(_settingsDiagnostics);
        all.AddRange(folderDiagnostics);
        if (_themeError is not null) all.Add(_themeError);
        foreach (var entry in _files.Entries) all.AddRange(entry.Diagnostics);

        // validate: cross-file rules see files with errors too, so one update reports everything (as kb build).
        all.AddRange(_validation!.Run(reads, reparsed));
        var parsed = reads.Select(r => r.Valid).OfType<Incident>().ToList();
        var included = parsed.Where(i => IncidentSelection.Includes(i, _selection)).ToList();
        Stage("validate", reads.Count);
        if (all.Any(d => d.IsError)) return Failed(all, reparsed, 0, clock, stages);

        var (rendered, rerendered) = _bodies!.Render(parsed, included, reparsed, all);
        Stage("markdown", rerendered);
        if (all.Any(d => d.IsError)) return Failed(all, reparsed, rerendered, clock, stages);
        try
        {
            foreach (var language in included.Select(i => i.Language).Distinct()) _theme!.Strings.For(language);
        }
        catch (ThemeException e)
        {
            all.Add(ThemeError(e));
            return Failed(all, reparsed, rerendered, clock, stages);
        }

        var asOf = options.AsOf ?? DateOnly.FromDateTime(DateTime.Today);
        var patched = Patch(rendered, asOf);
        var site = patched ?? SiteAggregator.Aggregate(rendered, _settings, asOf);
        Stage(patched is null ? "aggregate" : "aggregate (patched)", site.Incidents.Count);
        var snapshot = Publish(site, asOf);
        Stage("publish", snapshot.Version);
        Volatile.Write(ref _errors, null);
        var sorted = Sorted(all);
        Stage("diagnostics", sorted.Count);
        return new LiveUpdate(snapshot, sorted, reparsed, rerendered, clock.Elapsed) { Stages = stages };
    }

    private LiveUpdate Failed(List<Diagnostic> all, IReadOnlyList<string> reparsed, int rerendered, Stopwatch clock, List<StageTiming> stages)
    {
        var sorted = Sorted(all);
        Volatile.Write(ref _errors, sorted.Where(d => d.IsError).ToList());
        return new LiveUpdate(null, sorted, reparsed, rerendered, clock.Elapsed) { Stages = stages };
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

    /// <summary>The previous good site with the edited incidents swapped in, when that is what aggregating would give (<see cref="SiteModelPatch"/>); else null.</summary>
    private SiteModel? Patch(List<RenderedIncident> rendered, DateOnly asOf)
    {
        if (Current?.Site is not { } previous || previous.AsOf != asOf || !ReferenceEquals(previous.Settings, _settings)
            || previous.Incidents.Count != rendered.Count) return null;
        var site = previous;
        foreach (var now in rendered)
        {
            if (!previous.ById.TryGetValue(now.Id, out var old)) return null;
            if (ReferenceEquals(old, now)) continue;
            if (!SiteModelPatch.CanReplace(old, now)) return null;
            site = SiteModelPatch.Replace(site, old, now);
        }
        return site;
    }

    private static Diagnostic ThemeError(ThemeException e) => new(DiagnosticLevel.Error, "theme", 0, 0, "", e.Message);

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
        // On the low-priority lane: the next edit's update must not wait for this run (BackgroundLane).
        _pendingWork = () => BackgroundLane.Shared.Run(() =>
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
        if (!options.DeferBackgroundWork) StartBackgroundWork();
        return snapshot;
    }

    /// <summary>Starts the metrics and similar-incidents run of the last update, if it has not started yet.</summary>
    public void StartBackgroundWork() => Interlocked.Exchange(ref _pendingWork, null)?.Invoke();

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
        {
            if (!byId.ContainsKey(id)) continue;
            // Most lists do not name an edited incident: keep them as they are.
            var current = list.All(s => byId.TryGetValue(s.Incident.Id, out var now) && ReferenceEquals(now, s.Incident));
            result[id] = current ? list
                : list.Where(s => byId.ContainsKey(s.Incident.Id)).Select(s => s with { Incident = byId[s.Incident.Id] }).ToList();
        }
        return result;
    }

    private static IReadOnlyList<Diagnostic> Sorted(IEnumerable<Diagnostic> diagnostics)
    {
        var bag = new DiagnosticBag();
        foreach (var d in diagnostics) bag.Add(d);
        return bag.Sorted();
    }
}
