using System.Diagnostics;
using System.Globalization;
using KnowledgeBase.Search;
using Xunit.Abstractions;

namespace KnowledgeBase.Tests.Search;

/// <summary>
/// Size and bandwidth at 1,000 and 10,000 synthetic ~700-word post-mortems, against the issue's budget:
/// at most 150 KB gzip before the first results of a two-word query, at most 50 KB per further new term.
/// Prints the report (index size raw/gzip, build time, bytes per query) to the test output.
/// </summary>
public sealed class SearchBudgetTests(ITestOutputHelper output)
{
    public static TheoryData<int, string> Sizes => new()
    {
        { 1_000, "en" },
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
        var reader = SearchManifestReader.Open(dir);
        var all = reader.AllFiles();
        output.WriteLine($"{count} docs ({languages}): built in {clock.Elapsed.TotalSeconds:0.00} s, {stats.Files} files, " +
                         $"{SyntheticCorpus.Format(all.Values.Sum(v => v.Raw))} raw / {SyntheticCorpus.Format(all.Values.Sum(v => v.Gzip))} gzip, {stats.Shards} shards");
        foreach (var l in stats.Languages)
            output.WriteLine($"  {l.Language}: {l.Documents} docs, {l.Terms} terms, {l.Postings} postings, {l.Shards} shards, {l.DictionaryFiles} dictionary files, {SyntheticCorpus.Format(l.Bytes)} raw");
        output.WriteLine("  phases: " + string.Join(", ", stats.Timings.Select(kv => $"{kv.Key} {kv.Value.TotalSeconds:0.00} s")));
        var largest = all.Where(kv => kv.Key.Contains("/shard-", StringComparison.Ordinal)).OrderByDescending(kv => kv.Value.Gzip).Take(3);
        output.WriteLine("  largest shards: " + string.Join(", ", largest.Select(kv => $"{kv.Key} {SyntheticCorpus.Format(kv.Value.Gzip)} gz")));
        output.WriteLine($"  manifest {SyntheticCorpus.Format(all["manifest.json"].Gzip)} gz, runtime {SyntheticCorpus.Format(all["kb-search.js"].Gzip)} gz");

        // Two-word queries over frequent, middling and rare words; then one more new term in the same session.
        var ranks = new[] { (0, 1), (3, 40), (10, 200), (100, 900), (500, 5000), (2000, 15000), (7, 30000) };
        long worstFirst = 0, worstNext = 0;
        foreach (var (a, b) in ranks)
        {
            var lang = langs[0];
            var q = SyntheticCorpus.VocabularyWord(lang, a) + " " + SyntheticCorpus.VocabularyWord(lang, b);
            var session = new HashSet<string>(StringComparer.Ordinal);
            var first = reader.BytesForQuery(q, alreadyLoaded: session);
            var next = reader.BytesForQuery(q + " " + SyntheticCorpus.VocabularyWord(lang, b + 7), alreadyLoaded: session);
            worstFirst = Math.Max(worstFirst, first.GzipBytes);
            worstNext = Math.Max(worstNext, next.GzipBytes);
            output.WriteLine($"  '{q}': first {SyntheticCorpus.Format(first.GzipBytes)} gz ({first.FileCount} files, {SyntheticCorpus.Format(first.RawBytes)} raw), +1 term {SyntheticCorpus.Format(next.GzipBytes)} gz");
        }

        var fuzzy = reader.BytesForQuery(SyntheticCorpus.VocabularyWord(langs[0], 50) + "~1");
        output.WriteLine($"  fuzzy '~1' query: {SyntheticCorpus.Format(fuzzy.GzipBytes)} gz in {fuzzy.FileCount} files");
        Assert.True(worstFirst <= 150 * 1024, $"a two-word query downloads {worstFirst} bytes gzip before its first results");
        // With several language families a frequent term can exist in all of them (one shard each); the
        // 50 KB-per-term budget is asserted for a single-language site (the issue's 10,000-document case).
        if (langs.Length == 1) Assert.True(worstNext <= 50 * 1024, $"a further term downloads {worstNext} bytes gzip");
        // Build time is reported above, not asserted: wall time belongs to the benchmark, not to a test that a
        // loaded CI machine would fail at random.
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void SmallSitesGetOneFilePerLanguage()
    {
        var dir = NodeRunner.TempDir();
        var stats = SearchIndexWriter.Write(TestCorpus.Documents(40), dir);
        Assert.Equal(0, stats.Shards);
        Assert.All(stats.Languages, l => Assert.True(File.Exists(Path.Combine(dir, l.Language, "index.json"))));
        var cost = SearchManifestReader.Open(dir).BytesForQuery("database outage");
        Assert.Contains("en/index.json", cost.Files);
        Assert.Contains("manifest.json", cost.Files);
        Assert.Contains(cost.Files, f => f.StartsWith("store/", StringComparison.Ordinal));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"40 docs: {stats.Files} files, {stats.Bytes} bytes; 'database outage' downloads {cost.GzipBytes} bytes gzip"));
    }
}
