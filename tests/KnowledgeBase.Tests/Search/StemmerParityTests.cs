using System.Text.Json;
using KnowledgeBase.Search.Analysis;
using Xunit.Abstractions;

namespace KnowledgeBase.Tests.Search;

/// <summary>
/// Word-by-word parity of the C# analysers with lunr.js + lunr-languages 1.22.0 in node, for both the build
/// pipeline (what gets indexed) and the search pipeline (what a typed query becomes). The word lists in
/// data/words-*.txt are real words: every word of the sample post-mortems (input/postmortems, per language),
/// of the differential-test corpus, and inflection paradigms of post-mortem vocabulary (nouns in all cases,
/// adjective endings, verb conjugations, including 25 German -nis/-nisse/-nissen/-nisses families).
/// A second, synthetic set splices word beginnings with other words' endings to stress rarer stemmer paths.
/// </summary>
public sealed class StemmerParityTests(ITestOutputHelper output)
{
    public static TheoryData<string> Languages => DifferentialTests.Languages;

    [Theory]
    [MemberData(nameof(Languages))]
    public void RealWordsAnalyseExactlyAsLunrLanguages(string lang)
    {
        var words = File.ReadAllLines(Path.Combine(NodeRunner.RepoRoot, "tests", "KnowledgeBase.Tests", "Search", "data", $"words-{lang}.txt"))
            .Where(w => w.Length > 0).ToList();
        Assert.True(words.Count >= 2000, $"{lang}: only {words.Count} words");
        var (differences, changed) = Compare(lang, words);
        output.WriteLine($"{lang}: {words.Count} real words, {differences.Count} differences, {changed} changed by stemming");
        Assert.True(differences.Count == 0, $"{lang}: {differences.Count} differences, e.g.\n{string.Join("\n", differences.Take(20))}");
        Assert.True(changed > words.Count / 4, $"{lang}: the stemmer changed only {changed} of {words.Count} words");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void SplicedWordsAnalyseExactlyAsLunrLanguages(string lang)
    {
        var words = File.ReadAllLines(Path.Combine(NodeRunner.RepoRoot, "tests", "KnowledgeBase.Tests", "Search", "data", $"words-{lang}.txt"))
            .Where(w => w.Length > 2).ToList();
        var rng = new Random(42);
        var spliced = new HashSet<string>(StringComparer.Ordinal);
        while (spliced.Count < 8000)
        {
            var a = words[rng.Next(words.Count)];
            var b = words[rng.Next(words.Count)];
            spliced.Add(a[..(1 + rng.Next(a.Length - 1))] + b[rng.Next(b.Length / 2)..]);
        }

        var (differences, _) = Compare(lang, spliced.Order(StringComparer.Ordinal).ToList());
        output.WriteLine($"{lang}: {spliced.Count} spliced words, {differences.Count} differences");
        Assert.True(differences.Count == 0, $"{lang}: {differences.Count} differences, e.g.\n{string.Join("\n", differences.Take(20))}");
    }

    private static (List<string> Differences, int Changed) Compare(string lang, List<string> words)
    {
        var analyzer = LanguageAnalyzer.For(lang);
        var dir = NodeRunner.TempDir();
        var runtime = Path.Combine(dir, "kb-search.js");
        File.WriteAllText(runtime, KnowledgeBase.Search.SearchRuntime.Script);
        var result = NodeRunner.RunJson("analyze", new { lang, runtime, words });
        Assert.Equal(analyzer.SearchPipeline, result.GetProperty("search").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(analyzer.BuildPipeline, result.GetProperty("build").EnumerateArray().Select(e => e.GetString()));
        var differences = new List<string>();
        var changed = 0;
        var js = result.GetProperty("words");
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            var build = analyzer.AnalyzeField(w);
            var search = analyzer.RunSearchPipeline(JsText.ToLower(analyzer.Normalize(w)));
            var jsBuild = js[i][0].EnumerateArray().Select(e => e.GetString()!).ToList();
            var jsSearch = js[i][1].EnumerateArray().Select(e => e.GetString()!).ToList();
            if (!build.SequenceEqual(jsBuild)) differences.Add($"build  {w}: C# [{string.Join(",", build)}] lunr [{string.Join(",", jsBuild)}]");
            if (jsSearch.Count != 1 || search != jsSearch[0]) differences.Add($"search {w}: C# {search} lunr [{string.Join(",", jsSearch)}]");
            if (search != JsText.ToLower(w)) changed++;
        }

        Directory.Delete(dir, recursive: true);
        return (differences, changed);
    }

    [Fact]
    public void StopWordListsEqualThePinnedPackages()
    {
        var lists = JsonDocument.Parse(NodeRunner.Run("stopwords")).RootElement;
        var ours = new Dictionary<string, IReadOnlySet<string>>
        {
            ["en"] = StopWords.English, ["ru"] = StopWords.Russian, ["fr"] = StopWords.French, ["de"] = StopWords.German,
        };
        foreach (var (lang, set) in ours)
        {
            var theirs = lists.GetProperty(lang).EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal);
            Assert.True(theirs.SetEquals(set), $"{lang} stop words differ");
        }

        Assert.Equal(119, StopWords.English.Count);
        Assert.Equal(421, StopWords.Russian.Count);
        Assert.Equal(163, StopWords.French.Count);
        Assert.Equal(231, StopWords.German.Count);
    }
}
