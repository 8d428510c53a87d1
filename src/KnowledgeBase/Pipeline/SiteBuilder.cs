using System.Collections.Concurrent;
using KnowledgeBase.Aggregation;
using KnowledgeBase.Caching;
using KnowledgeBase.Markdown;
using KnowledgeBase.Model;
using KnowledgeBase.Aggregation.Metrics;
using KnowledgeBase.Aggregation.Similarity;
using KnowledgeBase.Output;
using KnowledgeBase.Output.Feeds;
using KnowledgeBase.Reading;
using KnowledgeBase.Rendering;
using KnowledgeBase.Search;
using KnowledgeBase.Validation;

namespace KnowledgeBase.Pipeline;

/// <summary>
/// The build, as a straight line of named stages:
/// read → parse → validate → markdown (render + extract from one AST) → aggregate → then search (index files) side by side
/// with metrics → similar → render + write (pages, then feed, sitemap and data API) → commit (only changed files, see AtomicSiteWriter).
/// Any error stops the line before anything is written, and the previous site stays in place.
/// </summary>
public sealed class SiteBuilder(IBuildObserver? observer = null)
{
    private readonly IBuildObserver _observer = observer ?? NullBuildObserver.Instance;

    public BuildResult Build(BuildOptions options)
    {
        var diagnostics = new DiagnosticBag();
        var stages = new StageRunner(_observer);
        // A public build's messages name no internal post-mortem either (it learns which files are public in "parse").
        var publicOnly = options.Public ? new PublicDiagnostics() : null;
        BuildResult Result(int incidents = 0, int pages = 0, int files = 0, long bytes = 0) =>
            new(publicOnly?.Redact(diagnostics.Sorted()) ?? diagnostics.Sorted(), stages.Timings, incidents, pages, files, bytes);

        if (!Directory.Exists(options.InputDir))
        {
            diagnostics.Add(new Diagnostic(DiagnosticLevel.Error, options.InputDir, 0, 0, "", "the input folder does not exist"));
            return Result();
        }

        // Taken before the first touch of the output, held until the site record is saved: another build into the
        // same folder fails at once with a clear message.
        using var outputLock = new OutputLock(options.OutputDir);
        var settings = SiteSettingsReader.Read(options.InputDir, diagnostics);
        if (options.BaseUrl is { } baseUrl) settings = settings with { BaseUrl = SiteSettings.NormalizeBaseUrl(baseUrl) };
        var asOf = options.AsOf ?? DateOnly.FromDateTime(DateTime.Today);

        // The site record (see Caching/): the whole previous site is kept when nothing it was built from changed.
        // Any change builds everything again (pages and search depend on every post-mortem); the build state still
        // leaves unchanged files alone. Not for kb check, which has no output folder to keep it beside.
        var caching = !options.CheckOnly;
        var sitePath = CacheFile.PathFor(options.OutputDir, CacheFile.SiteKind);
        var previousSite = caching ? CacheFile.LoadSite(sitePath) : null;
        var sources = Read(options, stages, diagnostics);
        var fingerprint = caching ? InputFingerprint.Compute(options, asOf, settings, Parallelism.Map(sources, InputFingerprint.HashOf), diagnostics) : null;
        if (previousSite is not null && previousSite.Fingerprint == fingerprint && !diagnostics.HasErrors
            && stages.Run("reuse site", () => KeepPreviousSite(options, previousSite.StateChecksum, outputLock), kept => kept) > 0)
        {
            var o = previousSite.Outcome;
            return new BuildResult(o.Diagnostics, stages.Timings, o.Incidents, o.Pages, o.Files, o.Bytes)
            {
                FilesChanged = 0, Cache = new CacheUse(true, true),
            };
        }
        var cacheUse = new CacheUse(previousSite is not null, false);

        // Its own method, so the source texts and partial parse results are garbage once validation is done.
        var (parsed, included, bodies) = ParseAndValidate(options, settings, sources, stages, diagnostics, publicOnly);
        sources = null;
        var includedCount = included.Count;
        if (diagnostics.HasErrors) return Result(includedCount) with { Cache = cacheUse };

        var urls = new SiteUrls(settings.BasePath);
        var rendered = stages.Run("markdown", () =>
        {
            var idByPath = parsed.ToDictionary(i => i.SourcePath, i => i.Id, StringComparer.Ordinal);
            var includedIds = included.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
            var markdown = new PostmortemMarkdown(MarkdownPipelineFactory.Create(), new BodyLinkResolver(idByPath, includedIds, urls.Base))
            {
                TrustHtml = settings.TrustHtml,
            };
            // Each body is a string only while it is rendered; later stages read the rendered body only, so the
            // incidents handed on carry no Markdown source.
            return Parallelism.Map(included, i => new RenderedIncident(i, markdown.Render(i with { Body = bodies[i.SourcePath].ToString() }, diagnostics)));
        }, r => r.Length);
        // So the Markdown sources (about 69 MB of UTF-8 at 10,000 post-mortems) are garbage from here on.
        parsed.Clear();
        included.Clear();
        bodies.Clear();
        if (diagnostics.HasErrors) return Result(includedCount) with { Cache = cacheUse };

        var site = stages.Run("aggregate", () => SiteAggregator.Aggregate(rendered, settings, asOf),
            s => s.Tags.Terms.Count + s.Services.Terms.Count + s.Years.Terms.Count + s.Severities.Terms.Count + s.Causes.Terms.Count);
        if (options.CheckOnly) return Result(includedCount);

        ThemeBundle bundle;
        try
        {
            bundle = ThemeBundle.Load(options.ThemeDirs, rendered.Select(r => r.Incident.Language).Append(settings.DefaultLanguage));
        }
        catch (ThemeException e)
        {
            diagnostics.Add(new Diagnostic(DiagnosticLevel.Error, "theme", 0, 0, "", e.Message));
            return Result(includedCount);
        }
        var (theme, engine, strings) = (bundle.Theme, bundle.Engine, bundle.Strings);

        outputLock.Take();
        using var writer = new AtomicSiteWriter(options.OutputDir, options.InputDir);
        // The search index needs only the aggregated incidents, the pages also need metrics and similar incidents:
        // the index (the longest stage) starts first and runs beside metrics, similar and render+write, so its
        // sequential parts and the pages' file creation overlap on the two cores. Index files go through the site
        // writer like pages (hashed, staged, left alone when unchanged), so a failed build keeps the previous
        // site's search too; only this build's incidents reach it.
        var indexed = site;
        var (_, pages) = stages.RunTogether(
            "search", () => SearchIndexWriter.Write(SearchDocuments.From(indexed),
                (path, bytes) => writer.WriteBytes($"{SearchDocuments.Folder}/{path}", bytes), SearchOptions), s => s.Documents,
            "render+write", () =>
            {
                // Cross-incident figures for /metrics/ and the incident pages (issue 8), each timed on its own.
                site = stages.Run("metrics", () => site with { Metrics = SiteMetrics.Build(site) }, s => s.Metrics!.Reports.Count());
                site = stages.Run("similar", () => site with { Similar = SimilarIncidents.Find(site.Incidents, asOf) }, s => s.Similar.Values.Sum(l => l.Count));
                var views = new ViewFactory(site, urls, strings);
                var renderer = new PageRenderer(engine, strings, settings, urls, asOf);
                var plans = new PagePlanner(site, views, strings).Plan().ToList();
                Parallel.ForEach(plans, plan => writer.WriteText(SiteUrls.FileOf(plan.SitePath), output => renderer.Render(plan, output)));
                // Feed, sitemap and data API: built from the same site model, deterministic bytes.
                SiteFeeds.Write(site, plans.Select(p => p.SitePath).ToList(), writer.WriteBuffered);
                // The front matter's JSON Schema, for editors (see the README).
                writer.WriteBytes(Authoring.PostmortemSchema.SitePath, Authoring.PostmortemSchema.Bytes);
                foreach (var asset in theme.List("assets"))
                {
                    using var stream = theme.Open(asset)!;
                    using var memory = new MemoryStream();
                    stream.CopyTo(memory);
                    writer.WriteBytes(asset, memory.GetBuffer().AsSpan(0, (int)memory.Length));
                }
                return plans.Count;
            }, p => p);

        // The site record goes first: it must never describe a site other than the one in the folder (a build
        // killed after the commit would otherwise leave the old fingerprint beside the new site).
        CacheFile.TryDelete(sitePath);
        writer.Commit();
        var result = Result(includedCount, pages, writer.FilesWritten, writer.BytesWritten) with { FilesChanged = writer.FilesChanged, Cache = cacheUse };
        CacheFile.SaveSite(sitePath, new SiteRecord(fingerprint!,
            new CachedOutcome(result.Diagnostics, result.Incidents, result.Pages, result.Files, result.Bytes), writer.CommittedStateChecksum!));
        return result;
    }

    /// <summary>The search index of kb build: memory handed back after each large language (see <see cref="SearchIndexOptions.CollectAfterLanguagePostings"/>).</summary>
    private static readonly SearchIndexOptions SearchOptions = SearchIndexOptions.Default with { CollectAfterLanguagePostings = 500_000 };

    /// <summary>Keeps the whole previous site (its inputs are unchanged); the number of files kept, 0 when the folder no longer matches its state.</summary>
    private static int KeepPreviousSite(BuildOptions options, string stateChecksum, OutputLock outputLock)
    {
        outputLock.Take();
        using var writer = new AtomicSiteWriter(options.OutputDir, options.InputDir);
        if (!writer.IsUpdate || writer.PreviousStateChecksum != stateChecksum || !writer.KeepPrevious("")) return 0;
        writer.Commit();
        return writer.FilesWritten;
    }

    private static List<SourceFile> Read(BuildOptions options, StageRunner stages, DiagnosticBag diagnostics) =>
        stages.Run("read", () =>
        {
            var paths = InputScanner.FindPostmortems(options.InputDir, diagnostics);
            return Parallelism.Map(paths, p => InputScanner.Read(options.InputDir, p, diagnostics)).OfType<SourceFile>().ToList();
        }, s => s.Count);

    /// <returns>The incidents parsed and those included, without their bodies (<see cref="Incident.Body"/> is ""); the
    /// bodies of the valid ones by source path.</returns>
    private static (List<Incident> Parsed, List<Incident> Included, ConcurrentDictionary<string, Utf8Text> Bodies) ParseAndValidate(
        BuildOptions options, SiteSettings settings, List<SourceFile> sources,
        StageRunner stages, DiagnosticBag diagnostics, PublicDiagnostics? publicOnly)
    {
        // The bodies wait for the Markdown stage (after validation, which needs every file) as UTF-8, not as strings:
        // 69 instead of 124 MiB at 10,000 post-mortems, and each string dies young, before it reaches the old generation.
        var bodies = new ConcurrentDictionary<string, Utf8Text>(StringComparer.Ordinal);
        var read = stages.Run("parse", () => Parallelism.Map(sources, s => WithoutBody(IncidentReader.ReadPartial(s, settings, diagnostics), bodies)), r => r.Length);
        var parsed = read.Select(r => r.Valid).OfType<Incident>().ToList();
        publicOnly?.Learn(read);

        var included = stages.Run("validate", () =>
        {
            // Cross-file rules also see files with errors of their own, so one run reports everything.
            var checkable = read.Select(r => r.Partial).OfType<Incident>().ToList();
            foreach (var d in SiteValidator.Check(checkable, read.Select(r => r.ClaimedId).OfType<string>())) diagnostics.Add(d);
            // The one place the build's incident set is chosen (drafts, --public): later stages see nothing else.
            return parsed.Where(i => IncidentSelection.Includes(i, options)).ToList();
        }, i => i.Count);
        return (parsed, included, bodies);
    }

    /// <summary>The read result with no body in any of its incidents; the valid incident's body goes into <paramref name="bodies"/>.</summary>
    private static IncidentReader.ReadResult WithoutBody(IncidentReader.ReadResult read, ConcurrentDictionary<string, Utf8Text> bodies)
    {
        if (read.Valid is { } valid) bodies[valid.SourcePath] = Utf8Text.From(valid.Body);
        static Incident? Strip(Incident? i) => i is null || i.Body.Length == 0 ? i : i with { Body = "" };
        return read with { Valid = Strip(read.Valid), Partial = Strip(read.Partial), Readable = Strip(read.Readable) };
    }
}
