using System.Collections.Concurrent;
using System.Text.Json;
using KnowledgeBase.Search;

namespace KnowledgeBase.Tests.Search;

/// <summary>
/// The browser's top-10 path against one monolithic lunr.js index, at a size lunr.js indexes quickly in node
/// (1,200–1,600 documents). The options are those of the site scaled down with the corpus (every language sharded,
/// a term with more than 150 postings gets impact blocks of 16, then the rest, or of 16, 32, 64…), so common words take the
/// impact path that at 10,000 documents takes terms with more than 500 postings. The site's search directory is queried through kb-search.js asking for the best
/// 10 only (so it reads the blocks of common words only as deep as its bound requires), and must return the same
/// refs in the same order with the same scores as lunr.js's full search, and the same number of matches.
/// </summary>
public sealed class TopKDifferentialTests
{
    // Impact blocks per term: the site's default (block 0, then the rest), and as many as the doubling gives, so
    // the runtime's block-by-block bound is proven at depth too.
    private const int Deep = int.MaxValue;

    public static TheoryData<string, string, int> Cases => new()
    {
        { "sentences", "en", 2 }, { "sentences", "ru", 2 }, { "sentences", "fr", 2 }, { "sentences", "de", 2 },
        { "zipf", "en", 2 }, { "zipf", "de", 2 },
        { "sentences", "en", Deep }, { "sentences", "ru", Deep }, { "zipf", "en", Deep }, { "zipf", "de", Deep },
    };

    private static readonly ConcurrentDictionary<(string Corpus, int MaxBlocks), Lazy<(List<SearchDocument> Docs, string Dir)>> Corpora = new();

    /// <summary>Each corpus and block cap is written once, for all the languages' cases.</summary>
    private static (List<SearchDocument> Docs, string Dir) Corpus(string name, int maxBlocks) =>
        Corpora.GetOrAdd((name, maxBlocks), key => new(() => Write(key.Corpus switch
        {
            // Hand-written sentences: few distinct words, many near-ties (the hard case for a score bound).
            "sentences" => TestCorpus.Documents(1200, seed: 5),
            // Zipf-distributed words of ~700-word documents (a long tail, like real prose).
            _ => SyntheticCorpus.Documents(1600, ["en", "de"], seed: 3),
        }, key.MaxBlocks))).Value;

    private static (List<SearchDocument>, string) Write(List<SearchDocument> docs, int maxBlocks)
    {
        var dir = NodeRunner.TempDir();
        SearchIndexWriter.Write(docs, dir, new SearchIndexOptions
        {
            SingleFilePostings = 0, ShardPostings = 150, ImpactFirstBlockDocuments = 16, ImpactMaxBlocks = maxBlocks,
        });
        return (docs, dir);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TopTenEqualsMonolithicLunrJs(string corpus, string lang, int maxBlocks)
    {
        var (docs, dir) = Corpus(corpus, maxBlocks);
        var (analyzer, lunrDocs) = SearchIndexWriter.Partition(docs).Single(p => p.Analyzer.Code == lang);
        var monolithic = NodeRunner.TempFile(".json");
        NodeRunner.RunJson("build", new
        {
            lang,
            runtime = Path.Combine(dir, SearchIndexWriter.RuntimeFile),
            fields = SearchIndexWriter.Fields.Select(f => new { name = f.Name, boost = f.Boost }),
            docs = lunrDocs.Select(d => new { @ref = d.Ref, texts = d.FieldTexts }),
        }, monolithic);

        var queries = Queries(corpus, lang);
        var result = NodeRunner.RunJson("query", new
        {
            lang,
            runtime = Path.Combine(dir, SearchIndexWriter.RuntimeFile),
            indexes = new Dictionary<string, object>
            {
                ["lunr"] = monolithic,
                ["top"] = new { searchDir = dir, top = 10 },
                // A filter (as the page's severity/year/tag filters): every third ref, best 20 of those.
                ["filtered"] = new { searchDir = dir, top = 20, filterMod = 3 },
            },
            queries,
        });
        var expected = result.GetProperty("lunr");
        var actual = result.GetProperty("top");
        DifferentialTests.AssertSameResults(queries, expected, actual, requireHits: 0.6, top: 10);

        var impactQueries = 0;
        var laterBlockQueries = 0;
        for (var q = 0; q < queries.Count; q++)
        {
            if (expected[q].ValueKind != JsonValueKind.Array) continue;
            Assert.True(expected[q].GetArrayLength() == actual[q].GetProperty("total").GetInt32(),
                $"'{queries[q]}': lunr.js finds {expected[q].GetArrayLength()}, ours counts {actual[q].GetProperty("total").GetInt32()}");
            var files = actual[q].GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToList();
            if (files.Any(f => f.Contains("/top-", StringComparison.Ordinal))) impactQueries++;
            // A block after the first: read only when the first cannot prove the top 10.
            if (files.Any(f => System.Text.RegularExpressions.Regex.IsMatch(f, @"/top-\d+-[1-9]\d*\.json$"))) laterBlockQueries++;
        }

        // With a filter: the best 20 of the documents it keeps, and how many it keeps, as lunr.js's full list says.
        var filtered = result.GetProperty("filtered");
        for (var q = 0; q < queries.Count; q++)
        {
            if (expected[q].ValueKind != JsonValueKind.Array) continue;
            var kept = expected[q].EnumerateArray().Where(r => int.Parse(r[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture) % 3 == 0).ToList();
            var ours = filtered[q].GetProperty("results").EnumerateArray().ToList();
            Assert.True(kept.Count == filtered[q].GetProperty("matched").GetInt32(), $"'{queries[q]}' filtered: match count");
            var want = string.Join(' ', kept.Take(20).Select(r => r[0].GetString() + ":" + r[1].GetDouble()));
            var got = string.Join(' ', ours.Select(r => r[0].GetString() + ":" + r[1].GetDouble()));
            Assert.True(want == got, $"'{queries[q]}' filtered:\nlunr.js {want}\nours    {got}");
        }

        // The point of the test: many queries go through impact blocks, not only whole posting lists.
        Assert.True(impactQueries >= 4, $"only {impactQueries} of {queries.Count} queries read impact blocks");
        Assert.True(laterBlockQueries >= 1, $"no query read beyond the first impact block ({impactQueries} read impact blocks)");
    }

    private static List<string> Queries(string corpus, string lang)
    {
        if (corpus == "sentences")
        {
            var common = lang switch
            {
                "ru" => new[] { "база данных", "сервис", "задержка платежи", "инцидент", "сбой сервиса", "данных", "мониторинг алерт" },
                "fr" => new[] { "base de données", "service", "panne trafic", "incident", "équipe", "déploiement annulé", "données" },
                "de" => new[] { "Datenbank", "Dienst", "Ausfall", "Zertifikat", "Festplatte voll", "Kafka Verbraucher", "Daten" },
                _ => new[] { "database", "service", "database outage", "traffic", "incident", "certificate expired", "the database service", "failed deploy" },
            };
            return common.Concat(DifferentialTests.Queries[lang]).ToList();
        }

        string W(int rank) => SyntheticCorpus.VocabularyWord(lang, rank, seed: 3);
        return
        [
            W(0), W(1), $"{W(0)} {W(1)}", $"{W(0)} {W(1)} {W(2)}", $"{W(2)} {W(5)}", $"{W(3)} {W(40)}", $"{W(10)} {W(200)}",
            $"{W(0)} {W(900)}", $"{W(100)} {W(900)}", $"{W(500)} {W(5000)}", $"{W(0)[..5]}*", $"{W(1)}~1", $"{W(1)}~1 {W(4)}",
            $"{W(0)}^5 {W(1)}", $"{W(6)} {W(7)} {W(8)} {W(9)}",
        ];
    }
}
