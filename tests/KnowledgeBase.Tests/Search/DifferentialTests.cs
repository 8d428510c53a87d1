using System.Text.Json;
using KnowledgeBase.Search;
using KnowledgeBase.Search.Analysis;

namespace KnowledgeBase.Tests.Search;

/// <summary>
/// The C# builder against real lunr.js 2.3.9 + lunr-languages 1.22.0 in node: the same corpus built both
/// ways must serialize to the same bytes, load with <c>lunr.Index.load</c>, and answer every query with the
/// same refs in the same order and the same scores.
/// </summary>
public sealed class DifferentialTests
{
    internal static readonly Dictionary<string, string[]> Queries = new()
    {
        ["en"] =
        [
            "database", "databases outage", "title:database", "body:disk tags:dns", "data*", "databse~1",
            "+database -dns", "+disk +full", "-dns", "certificate^10 renewal", "cert*", "*base", "fail* roll*",
            "monitoring alert threshold", "p99", "2.3.9", "err_1a2b", "inc", "quoted", "naïv", "summary:customers",
            "servic~1", "connection pools exhausted", "kafka~2", "lesson* learn*", "ti*le:x", "http://example",
            "+kafka payments", "-kafka -dns", "cron", "happili", "jitter", "deployment rollback",
        ],
        ["ru"] =
        [
            "база данных", "базу данных", "базы", "title:диск", "PostgreSQL", "nginx", "серв*", "сертификат~1",
            "+база -dns", "ёмкость", "емкость", "кэш распродажа", "откатили развёртывание", "инцидент*", "trafic~1",
            "мониторинг", "+kafka платежи", "-kafka", "2024г", "дежурные инженеры",
        ],
        ["fr"] =
        [
            "base de données", "équipe", "l'équipe", "l’équipe", "title:disque", "configur*", "certifcat~1", "+base -dns",
            "déploiement annulé", "sauvegardes", "nœuds", "noeuds", "cœur", "jusqu'à", "supervision alerte", "-kafka",
            "Kafka~1", "répon*", "hôtes décommissionnés", "perte trafic",
        ],
        ["de"] =
        [
            "Datenbank", "Datenbanken", "Größe", "grosse", "Ergebnisse", "Ergebnis", "title:zertifikat", "Verbind*",
            "Zertifkat~1", "+Datenbank -dns", "Überwachung", "uberwachung", "Straße", "Geheimnisse", "größ*", "-kafka",
            "Festplatte voll", "Erkenntnisse Hindernisse", "Zahlungen verzögert", "Kafka-Verbraucher",
        ],
    };

    public static TheoryData<string> Languages => new() { "en", "ru", "fr", "de" };

    [Theory]
    [MemberData(nameof(Languages))]
    public void IndexEqualsLunrJsAndAnswersQueriesIdentically(string lang)
    {
        var analyzer = LanguageAnalyzer.For(lang);
        var docs = TestCorpus.Documents(160)
            .Where(d => LanguageAnalyzer.For(d.Language) == analyzer)
            .Select((d, i) => new LunrDocument(i.ToString(System.Globalization.CultureInfo.InvariantCulture), SearchIndexWriter.FieldTexts(d)))
            .ToList();
        Assert.True(docs.Count >= 30, $"corpus too small for {lang}: {docs.Count}");

        var dir = NodeRunner.TempDir();
        var runtime = Path.Combine(dir, "kb-search.js");
        File.WriteAllText(runtime, SearchRuntime.Script);
        var ours = Path.Combine(dir, "ours.json");
        File.WriteAllBytes(ours, LunrJson.Serialize(LunrIndexBuilder.Build(SearchIndexWriter.Fields, docs, analyzer)));

        var theirs = Path.Combine(dir, "lunr.json");
        NodeRunner.RunJson("build", new
        {
            lang,
            runtime,
            fields = SearchIndexWriter.Fields.Select(f => new { name = f.Name, boost = f.Boost }),
            docs = docs.Select(d => new { @ref = d.Ref, texts = d.FieldTexts }),
        }, theirs);

        AssertSameJson(File.ReadAllText(theirs), File.ReadAllText(ours));

        var result = NodeRunner.RunJson("query", new
        {
            lang,
            runtime,
            indexes = new Dictionary<string, string> { ["lunr"] = theirs, ["ours"] = ours },
            queries = Queries[lang],
        });
        AssertSameResults(Queries[lang], result.GetProperty("lunr"), result.GetProperty("ours"), requireHits: 0.6);
        Directory.Delete(dir, recursive: true);
    }

    internal static void AssertSameJson(string expected, string actual)
    {
        if (expected == actual) return;
        var i = 0;
        while (i < expected.Length && i < actual.Length && expected[i] == actual[i]) i++;
        string Around(string s) => s.Substring(Math.Max(0, i - 120), Math.Min(240, s.Length - Math.Max(0, i - 120)));
        Assert.Fail($"serialized index differs at char {i} (lengths {expected.Length} vs {actual.Length}).\nlunr.js: …{Around(expected)}…\nC#:      …{Around(actual)}…");
    }

    /// <summary>Same refs in the same order, scores within 1e-9, same parse errors.</summary>
    internal static void AssertSameResults(IReadOnlyList<string> queries, JsonElement expected, JsonElement actual, double requireHits, int? top = null)
    {
        var withHits = 0;
        for (var q = 0; q < queries.Count; q++)
        {
            var e = Results(expected[q]);
            var a = Results(actual[q]);
            if (e is null || a is null)
            {
                Assert.True(e is null && a is null, $"query '{queries[q]}': one side failed to parse: {expected[q]} vs {actual[q]}");
                continue;
            }

            if (e.Count > 0) withHits++;
            if (top is { } n)
            {
                e = e.Take(n).ToList();
                a = a.Take(n).ToList();
            }

            Assert.True(e.Count == a.Count, $"query '{queries[q]}': {e.Count} results from lunr.js, {a.Count} from ours");
            for (var i = 0; i < e.Count; i++)
            {
                Assert.True(e[i].Ref == a[i].Ref && Math.Abs(e[i].Score - a[i].Score) <= 1e-9,
                    $"query '{queries[q]}' result {i}: lunr.js {e[i].Ref} {e[i].Score:R}, ours {a[i].Ref} {a[i].Score:R}");
            }
        }

        Assert.True(withHits >= requireHits * queries.Count, $"only {withHits}/{queries.Count} queries found anything");
    }

    private static List<(string Ref, double Score)>? Results(JsonElement e)
    {
        var list = e.ValueKind == JsonValueKind.Object
            ? e.TryGetProperty("error", out _) ? default(JsonElement?) : e.GetProperty("results")
            : e;
        return list?.EnumerateArray().Select(r => (r[0].GetString()!, r[1].GetDouble())).ToList();
    }
}
