using System.Diagnostics;
using System.Globalization;
using KnowledgeBase.Search;
using Xunit.Abstractions;

namespace KnowledgeBase.Tests.Search;

/// <summary>
/// Size and bandwidth at 1,000 and 10,000 synthetic ~700-word post-mortems, against the issue's budget: at most
/// 150 KB gzip before the first results of a two-word query, at most 50 KB per further new term. What a query
/// downloads is measured by running kb-search.js itself in node (best 10 results plus their store buckets), for
/// the most frequent content words of every language, stop words, middling and rare words, prefixes and typos.
/// Prints the report (index size raw/gzip, build time, bytes per query) to the test output.
/// </summary>
public sealed class SearchBudgetTests(ITestOutputHelper output)
{
    public static TheoryData<int, string> Sizes => new()
    {
        { 1_000, "en,ru,fr,de" },
        { 10_000, "en" },
        { 10_000, "en,ru,fr,de" },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void QueriesStayWithinTheDownloadBudget(int count, string languages)
    {
        var langs = languages.Split(',');
        var docs = SyntheticCorpus.Documents(count, langs);
        var dir = NodeRunner.TempDir();
        var clock = Stopwatch.StartNew();
        var stats = SearchIndexWriter.Write(docs, dir);
        clock.Stop();
        var all = SearchManifestReader.Open(dir).AllFiles();
        output.WriteLine($"{count} docs ({languages}): built in {clock.Elapsed.TotalSeconds:0.00} s, {stats.Files} files, " +
                         $"{SyntheticCorpus.Format(all.Values.Sum(v => v.Raw))} raw / {SyntheticCorpus.Format(all.Values.Sum(v => v.Gzip))} gzip, {stats.Shards} shards");
        foreach (var l in stats.Languages)
            output.WriteLine($"  {l.Language}: {l.Documents} docs, {l.Terms} terms, {l.Postings} postings, {l.Shards} shards, {l.DictionaryFiles} dictionary files, {SyntheticCorpus.Format(l.Bytes)} raw");
        output.WriteLine($"  manifest {SyntheticCorpus.Format(all["manifest.json"].Gzip)} gz, runtime {SyntheticCorpus.Format(all["kb-search.js"].Gzip)} gz");

        var sessions = Sessions(langs);
        var measured = QueryCost.Measure(dir, sessions);
        long worstFirst = 0, worstNext = 0;
        var refused = 0;
        foreach (var session in measured)
        {
            var first = session[0];
            if (first.Error is not null)
            {
                // A prefix that stands for hundreds of words is refused with a message, never downloaded.
                Assert.Contains("type more letters", first.Error);
                output.WriteLine($"  '{first.Query}': refused: {first.Error}");
                refused++;
                continue;
            }

            worstFirst = Math.Max(worstFirst, first.GzipBytes);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"  '{first.Query}': {first.Total} matches, first {SyntheticCorpus.Format(first.GzipBytes)} gz ({first.Files} files)");
            foreach (var next in session.Skip(1))
            {
                worstNext = Math.Max(worstNext, next.GzipBytes);
                line += string.Create(CultureInfo.InvariantCulture, $", +'{next.Query[(first.Query.Length + 1)..]}' {SyntheticCorpus.Format(next.GzipBytes)} gz");
            }

            output.WriteLine(line);
        }

        Assert.True(refused <= langs.Length, $"{refused} queries refused");
        output.WriteLine($"  worst first query {SyntheticCorpus.Format(worstFirst)} gz, worst further term {SyntheticCorpus.Format(worstNext)} gz");
        Assert.True(worstFirst <= 150 * 1024, $"a query downloads {worstFirst} bytes gzip before its first results");
        Assert.True(worstNext <= 50 * 1024, $"a further term downloads {worstNext} bytes gzip");
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>
    /// Per language: a two-word query, then the same with one more word, over the most frequent content words, a
    /// stop word with a frequent word, middling and rare words, a prefix and a typo.
    /// </summary>
    internal static List<IReadOnlyList<string>> Sessions(IReadOnlyList<string> langs)
    {
        var sessions = new List<IReadOnlyList<string>>();
        foreach (var lang in langs)
        {
            string W(int rank) => SyntheticCorpus.VocabularyWord(lang, rank);
            var stop = lang switch { "ru" => "и", "fr" => "le", "de" => "der", _ => "the" };
            foreach (var (first, next) in new[]
                     {
                         ($"{W(0)} {W(1)}", W(2)), ($"{W(2)} {W(5)}", W(0)), ($"{stop} {W(0)}", W(3)), ($"{W(3)} {W(40)}", W(10)),
                         ($"{W(10)} {W(200)}", W(1)), ($"{W(100)} {W(900)}", W(4)), ($"{W(500)} {W(5000)}", W(6)),
                         ($"{W(2000)} {W(15000)}", W(7)), ($"{W(0)[..3]}* {W(1)}", W(8)), ($"{W(1)}~1 {W(50)}", W(9)),
                     })
                sessions.Add([first, first + " " + next]);
        }

        return sessions;
    }

    [Fact]
    public void SmallSitesGetOneFilePerLanguage()
    {
        var dir = NodeRunner.TempDir();
        var stats = SearchIndexWriter.Write(TestCorpus.Documents(40), dir);
        Assert.Equal(0, stats.Shards);
        Assert.All(stats.Languages, l => Assert.True(File.Exists(Path.Combine(dir, l.Language, "index.json"))));
        var cost = QueryCost.Measure(dir, [["database outage"]])[0][0];
        Assert.True(cost.Total > 0);
        Assert.True(cost.Files >= 2 + stats.Languages.Count, $"{cost.Files} files");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"40 docs: {stats.Files} files, {stats.Bytes} bytes; 'database outage' downloads {cost.GzipBytes} bytes gzip in {cost.Files} files"));
    }
}
