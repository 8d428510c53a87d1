using System.Diagnostics;
using System.Text.Json;
using KnowledgeBase.Cli.Commands;
using KnowledgeBase.Pipeline;
using KnowledgeBase.Search;
using KnowledgeBase.Serving;
using KnowledgeBase.Tests.Site;
using Microsoft.Playwright;

namespace KnowledgeBase.BrowserTests;

/// <summary>
/// A site whose search index has term-range shards and impact blocks, served to Chromium, with lunr.js's full
/// results for the test queries as the expected answer.
/// <para>
/// <c>kb build</c> writes the pages of <see cref="SearchTopKCorpus"/>; at 200 post-mortems its index is one file per
/// language, so the fixture writes <c>search/</c> again with the index options scaled down the way
/// TopKDifferentialTests does (every language sharded, impact blocks of 16, 32, 64… documents for a term with more
/// than 150 postings): the same <see cref="SearchIndexWriter"/> over the same documents, taken from the same input
/// (as <c>kb serve</c> takes them), so no build option exists only for tests. The store and facets files must come
/// out byte-identical to the build's, which proves the documents and refs are the build's.
/// </para>
/// </summary>
public sealed class SearchTopKSite : IAsyncLifetime
{
    // Blocks of 16, 32, 64… (no cap): the page must prove its results reading only some of them. The site's two
    // blocks (the first, then the rest) are proven against lunr.js by TopKDifferentialTests.
    public static readonly SearchIndexOptions ScaledOptions = new()
    {
        SingleFilePostings = 0, ShardPostings = 150, ImpactFirstBlockDocuments = 16, ImpactMaxBlocks = int.MaxValue,
    };

    /// <summary>The queries whose lunr.js results are computed: common words (impact blocks), a rarer one, a prefix,
    /// a typo and a query with required and prohibited words (which reads whole posting lists).</summary>
    public static readonly string[] Queries = ["database", "database latency", "failover", "Latenz", "databa*", "databse~1", "+database -latency"];

    private readonly string _work = Path.Combine(Path.GetTempPath(), "kb-topk-" + Guid.NewGuid().ToString("N"));
    private StaticSiteServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private Task? _launch;
    private Dictionary<string, List<Hit>> _expected = [];

    /// <summary>One result: the incident id, its ref, lunr's score, and what the filters look at.</summary>
    public sealed record Hit(string Id, int Ref, double Score, SearchDocument Doc);

    public string Origin => _server?.Origin ?? throw new InvalidOperationException("the server is not running");
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("the browser is not running");
    public string Site => Path.Combine(_work, "site");
    public string SearchDir => Path.Combine(Site, "search");
    public JsonElement Manifest { get; private set; }

    /// <summary>Every match of <paramref name="query"/> in lunr.js's order over all families (merged by score, ties en before de).</summary>
    public IReadOnlyList<Hit> Expected(string query) => _expected[query];

    public async Task InitializeAsync()
    {
        if (!File.Exists(SiteFixture.ChromiumPath))
            throw new InvalidOperationException($"The browser tests need Debian's Chromium at {SiteFixture.ChromiumPath} (`apt-get install -y chromium`).");
        // Chromium starts while the site builds (its launch is mostly waiting on a loaded machine).
        _launch = LaunchAsync();
        var input = Path.Combine(_work, "input");
        SearchTopKCorpus.Write(input);
        var stderr = new StringWriter();
        var code = KbCommandLine.Run(["build", "--input", input, "--output", Site, "--as-of", "2026-11-23"], new StringWriter(), stderr);
        if (code != 0) throw new InvalidOperationException("kb build failed: " + stderr);

        var docs = Documents(input);
        var built = StoreAndFacets();
        SearchIndexWriter.Write(docs, SearchDir, ScaledOptions);
        var rewritten = StoreAndFacets();
        if (!built.SequenceEqual(rewritten))
            throw new InvalidOperationException("the rewritten search store differs from kb build's: the documents are not the build's");
        Manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(SearchDir, "manifest.json"))).RootElement.Clone();
        _expected = ExpectedResults(docs);

        _server = await StaticSiteServer.StartAsync([("", Site)]);
        await _launch;
    }

    private async Task LaunchAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await SiteFixture.LaunchChromiumAsync(_playwright);
    }

    public Task<BrowserSession> OpenAsync(string path) => BrowserSession.OpenAsync(Browser, Origin, path);

    public async Task DisposeAsync()
    {
        // A failed build leaves the launch running: let it finish, so the browser it started is closed below.
        if (_launch is not null)
        {
            try { await _launch; }
            catch (PlaywrightException) { }
        }

        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        try { Directory.Delete(_work, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    // The build's documents: the published incidents of the input, as kb serve's site model holds them.
    private static IReadOnlyList<SearchDocument> Documents(string input)
    {
        var live = new LiveSite(new LiveSiteOptions { InputDir = input, AsOf = new DateOnly(2026, 11, 23), IncludeDrafts = false });
        var update = live.Update(ChangeSet.Everything());
        if (update.Snapshot is null) throw new InvalidOperationException("the input does not load: " + string.Join("; ", update.Errors));
        return SearchDocuments.From(update.Snapshot.Site);
    }

    private List<(string, string)> StoreAndFacets() =>
        Directory.EnumerateFiles(Path.Combine(SearchDir, "store"), "*.json").Append(Path.Combine(SearchDir, "facets.json"))
            .Select(f => (Path.GetRelativePath(SearchDir, f), File.ReadAllText(f)))
            .OrderBy(x => x.Item1, StringComparer.Ordinal).ToList();

    // lunr.js itself (the node driver of the differential tests) indexes each family's documents whole and runs
    // every query; the families' lists are merged by descending score, ties keeping the family order, as the site does.
    private Dictionary<string, List<Hit>> ExpectedResults(IReadOnlyList<SearchDocument> docs)
    {
        var byRef = docs.OrderBy(d => d.Id, StringComparer.Ordinal).ToArray();
        var runtime = Path.Combine(SearchDir, SearchIndexWriter.RuntimeFile);
        var perFamily = new List<JsonElement>();
        foreach (var (analyzer, lunrDocs) in SearchIndexWriter.Partition(docs))
        {
            var index = Path.Combine(_work, "lunr-" + analyzer.Code + ".json");
            RunNode("build", new
            {
                lang = analyzer.Code,
                runtime,
                fields = SearchIndexWriter.Fields.Select(f => new { name = f.Name, boost = f.Boost }),
                docs = lunrDocs.Select(d => new { @ref = d.Ref, texts = d.FieldTexts }),
            }, index);
            perFamily.Add(RunNode("query", new { lang = analyzer.Code, runtime, indexes = new { lunr = index }, queries = Queries }).GetProperty("lunr"));
        }

        var expected = new Dictionary<string, List<Hit>>(StringComparer.Ordinal);
        for (var q = 0; q < Queries.Length; q++)
        {
            expected[Queries[q]] = perFamily
                .SelectMany(family => family[q].EnumerateArray().Select(r =>
                {
                    var n = int.Parse(r[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                    return new Hit(byRef[n].Id, n, r[1].GetDouble(), byRef[n]);
                }))
                .OrderByDescending(h => h.Score) // stable: equal scores keep the family order
                .ToList();
        }

        return expected;
    }

    private JsonElement RunNode(string command, object input, string? output = null)
    {
        var file = Path.Combine(_work, "node-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(file, JsonSerializer.Serialize(input));
        var psi = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(RepoPaths.Root, "tests", "KnowledgeBase.Tests", "node", "lunr-tool.js"));
        psi.ArgumentList.Add(command);
        psi.ArgumentList.Add(file);
        if (output is not null) psi.ArgumentList.Add(output);
        psi.Environment["KB_NODE_MODULES"] = Path.Combine(RepoPaths.Root, "themes", "default", "node_modules");
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start node");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"node lunr-tool.js {command} timed out");
        }

        Task.WaitAll(stdout, stderr);
        if (p.ExitCode != 0) throw new InvalidOperationException($"node lunr-tool.js {command} failed: {stderr.Result}");
        return output is null ? JsonDocument.Parse(stdout.Result).RootElement.Clone() : default;
    }
}

[CollectionDefinition(Name)]
public sealed class SearchTopKCollection : ICollectionFixture<SearchTopKSite>
{
    public const string Name = "search top-k";
}
