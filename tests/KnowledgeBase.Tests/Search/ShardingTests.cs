using System.Text.Json;
using KnowledgeBase.Search;
using KnowledgeBase.Tests.Site;

namespace KnowledgeBase.Tests.Search;

/// <summary>
/// The site search directory written by <see cref="SearchIndexWriter"/>, queried in node through kb-search.js
/// (single files and term-range shards), must give the same results as one monolithic index built by lunr.js.
/// </summary>
public sealed class ShardingTests
{
    private static readonly Lazy<Fixture> Shared = new(() => new Fixture());

    // Small shards and impact blocks of 4, 8, 16… documents, so 200 documents exercise every path: several shards
    // per term range, terms with many impact blocks, and top-k queries that must read several of them.
    private static readonly SearchIndexOptions Options = new()
    {
        SingleFilePostings = 0, ShardPostings = 60, ImpactFirstBlockDocuments = 4, DictionaryChunkTerms = 40, StoreBucketSize = 8,
    };

    private sealed class Fixture
    {
        public Fixture()
        {
            Docs = TestCorpus.Documents(200, seed: 11);
            Root = NodeRunner.TempDir();
            Sharded = Path.Combine(Root, "sharded");
            Single = Path.Combine(Root, "single");
            ShardedStats = SearchIndexWriter.Write(Docs, Sharded,
                Options);
            SingleStats = SearchIndexWriter.Write(Docs, Single);
            foreach (var (analyzer, docs) in SearchIndexWriter.Partition(Docs))
            {
                var path = Path.Combine(Root, analyzer.Code + ".lunr.json");
                NodeRunner.RunJson("build", new
                {
                    lang = analyzer.Code,
                    runtime = Path.Combine(Sharded, SearchIndexWriter.RuntimeFile),
                    fields = SearchIndexWriter.Fields.Select(f => new { name = f.Name, boost = f.Boost }),
                    docs = docs.Select(d => new { @ref = d.Ref, texts = d.FieldTexts }),
                }, path);
                Monolithic[analyzer.Code] = path;
            }
        }

        public List<SearchDocument> Docs { get; }
        public string Root { get; }
        public string Sharded { get; }
        public string Single { get; }
        public SearchIndexStats ShardedStats { get; }
        public SearchIndexStats SingleStats { get; }
        public Dictionary<string, string> Monolithic { get; } = new();
    }

    [Theory]
    [MemberData(nameof(DifferentialTests.Languages), MemberType = typeof(DifferentialTests))]
    public void ShardedAndSingleFileOutputAnswerLikeMonolithicLunr(string lang)
    {
        var f = Shared.Value;
        Assert.True(f.ShardedStats.Languages.Single(l => l.Language == lang).Shards >= 8, "expected several shards");
        Assert.Equal(0, f.SingleStats.Shards);
        IReadOnlyList<string> queries = DifferentialTests.Queries[lang];
        var result = NodeRunner.RunJson("query", new
        {
            lang,
            runtime = Path.Combine(f.Sharded, SearchIndexWriter.RuntimeFile),
            indexes = new Dictionary<string, object>
            {
                ["lunr"] = f.Monolithic[lang],
                ["sharded"] = new { searchDir = f.Sharded },
                ["single"] = new { searchDir = f.Single },
            },
            queries,
        });
        DifferentialTests.AssertSameResults(queries, result.GetProperty("lunr"), result.GetProperty("sharded"), requireHits: 0.6);
        DifferentialTests.AssertSameResults(queries, result.GetProperty("lunr"), result.GetProperty("single"), requireHits: 0.6);

        // A plain one-word query must read at most one shard, not the whole index.
        var shards = f.ShardedStats.Languages.Single(l => l.Language == lang).Shards;
        var sharded = result.GetProperty("sharded");
        for (var q = 0; q < queries.Count; q++)
        {
            var text = queries[q];
            if (text.IndexOfAny([' ', '*', '~', ':', '+', '-', '^']) >= 0 || sharded[q].TryGetProperty("error", out _)) continue;
            var files = sharded[q].GetProperty("files").EnumerateArray().Select(x => x.GetString()!).ToList();
            Assert.True(files.Count(p => p.Contains("/shard-", StringComparison.Ordinal)) <= 1,
                $"'{text}' loaded {string.Join(", ", files)}");
        }

        // Wildcards and typos read only part of the index as well.
        for (var q = 0; q < queries.Count; q++)
        {
            if (sharded[q].TryGetProperty("error", out _) || queries[q].StartsWith('*') || queries[q].Contains("~2")) continue;
            var loaded = sharded[q].GetProperty("files").EnumerateArray().Count(x => x.GetString()!.Contains("/shard-", StringComparison.Ordinal));
            Assert.True(loaded < shards, $"'{queries[q]}' loaded all {shards} shards");
        }
    }

    [Theory]
    [MemberData(nameof(DifferentialTests.Languages), MemberType = typeof(DifferentialTests))]
    public void TopTenThroughImpactBlocksEqualsMonolithicLunr(string lang)
    {
        var f = Shared.Value;
        IReadOnlyList<string> queries = DifferentialTests.Queries[lang];
        var result = NodeRunner.RunJson("query", new
        {
            lang,
            runtime = Path.Combine(f.Sharded, SearchIndexWriter.RuntimeFile),
            indexes = new Dictionary<string, object>
            {
                ["lunr"] = f.Monolithic[lang],
                ["top"] = new { searchDir = f.Sharded, top = 10 },
            },
            queries,
        });
        var lunr = result.GetProperty("lunr");
        var top = result.GetProperty("top");
        DifferentialTests.AssertSameResults(queries, lunr, top, requireHits: 0.6, top: 10);
        for (var q = 0; q < queries.Count; q++)
        {
            if (lunr[q].ValueKind != System.Text.Json.JsonValueKind.Array) continue;
            Assert.True(lunr[q].GetArrayLength() == top[q].GetProperty("total").GetInt32(), $"'{queries[q]}': match count");
        }
    }

    [Fact]
    public void EveryWrittenIndexFileLoadsInLunrAndManifestDescribesIt()
    {
        var f = Shared.Value;
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(f.Sharded, SearchIndexWriter.ManifestFile)));
        var m = manifest.RootElement;
        Assert.Equal("2.3.9", m.GetProperty("lunr").GetString());
        Assert.Equal(f.Docs.Count, m.GetProperty("documents").GetInt32());
        var files = Directory.GetFiles(f.Sharded, "*.json", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(f.Sharded, p).Replace('\\', '/')).ToList();
        Assert.Equal(f.ShardedStats.Files, files.Count + 1); // + kb-search.js
        var langs = m.GetProperty("languages").EnumerateArray().ToList();
        Assert.Equal(["en", "ru", "fr", "de"], langs.Select(l => l.GetProperty("lang").GetString()));
        var shardFiles = files.Where(p => p.Contains("/shard-", StringComparison.Ordinal)).ToList();
        var blockFiles = files.Where(p => p.Contains("/top-", StringComparison.Ordinal)).ToList();
        var impact = langs.Sum(l => l.GetProperty("shards").GetProperty("impact").GetArrayLength());
        Assert.True(impact > 0, "expected terms frequent enough for impact blocks");
        Assert.Equal(langs.Sum(l => l.GetProperty("shards").GetProperty("count").GetInt32()), shardFiles.Count + impact);
        Assert.Equal(impact, blockFiles.Count(p => p.EndsWith("-0.json", StringComparison.Ordinal)));

        // Node loads every shard and single index with lunr.Index.load, and every impact block once kb-search.js has expanded
        // it into the lunr postings and vectors it stands for, and checks each is a well-formed index.
        var all = shardFiles.Concat(blockFiles).Select(p => Path.Combine(f.Sharded, p))
            .Concat(Directory.GetFiles(f.Single, "index.json", SearchOption.AllDirectories)).ToList();
        var checkedCount = NodeRunner.RunJson("check", new
        {
            files = all,
            runtime = Path.Combine(f.Sharded, SearchIndexWriter.RuntimeFile),
            fields = SearchIndexWriter.Fields.Select(x => x.Name),
        });
        Assert.Equal(all.Count, checkedCount.GetProperty("loaded").GetInt32());

        // Every document appears in the store once, with display fields.
        var store = files.Where(p => p.StartsWith("store/", StringComparison.Ordinal))
            .SelectMany(p => JsonDocument.Parse(File.ReadAllText(Path.Combine(f.Sharded, p))).RootElement.EnumerateArray().Select(e => e.Clone()))
            .ToList();
        Assert.Equal(f.Docs.Count, store.Count);
        Assert.Equal(Enumerable.Range(0, f.Docs.Count), store.Select(e => e.GetProperty("ref").GetInt32()).Order());
        var first = f.Docs.OrderBy(d => d.Id, StringComparer.Ordinal).First();
        var e0 = store.Single(e => e.GetProperty("ref").GetInt32() == 0);
        Assert.Equal(first.Id, e0.GetProperty("id").GetString());
        Assert.Equal(first.Url, e0.GetProperty("url").GetString());
        Assert.Equal(first.Severity, e0.GetProperty("severity").GetString());
    }

    [Fact]
    public void OutputIsDeterministic()
    {
        var f = Shared.Value;
        var again = Path.Combine(f.Root, "again");
        var shuffled = f.Docs.OrderBy(d => d.Title.Length).ThenByDescending(d => d.Id, StringComparer.Ordinal).ToList();
        SearchIndexWriter.Write(shuffled, again,
            Options);
        SameFiles.Assert(f.Sharded, again);
    }
}
