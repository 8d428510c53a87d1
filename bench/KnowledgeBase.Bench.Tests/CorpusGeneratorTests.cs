using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using KnowledgeBase.Bench.Generation;
using YamlDotNet.RepresentationModel;

namespace KnowledgeBase.Bench.Tests;

public sealed class CorpusGeneratorTests
{
    private const int Count = 250;
    private const ulong Seed = 20261123;

    private static readonly Lazy<List<ParsedDoc>> Docs = new(() =>
        CorpusGenerator.Generate(Count, Seed).Select(ParsedDoc.From).ToList());

    private static readonly Regex IdPattern = new("^[a-z0-9][a-z0-9-]*$");
    private static readonly Regex TimestampPattern = new(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$");
    private static readonly Regex TimelineItem = new(@"^- \*\*\d{2}:\d{2}\*\* — \S");

    [Fact]
    public void Same_seed_gives_byte_identical_files_and_another_seed_does_not()
    {
        var a = TempDir();
        var b = TempDir();
        var c = TempDir();
        try
        {
            CorpusGenerator.Write(a, 60, 7);
            CorpusGenerator.Write(b, 60, 7);
            CorpusGenerator.Write(c, 60, 8);
            var filesA = Snapshot(a);
            var filesB = Snapshot(b);
            Assert.Equal(61, filesA.Count); // 60 post-mortems + site.yml
            Assert.Equal(filesA.Keys, filesB.Keys);
            foreach (var (path, bytes) in filesA) Assert.True(bytes.AsSpan().SequenceEqual(filesB[path]), path);
            Assert.NotEqual(Hash(filesA), Hash(Snapshot(c)));

            // Parallel writing and sequential in-memory generation agree, without BOM.
            foreach (var doc in CorpusGenerator.Generate(60, 7))
            {
                var onDisk = filesA[doc.Plan.RelativePath];
                Assert.Equal(Encoding.UTF8.GetBytes(doc.Content), onDisk);
                Assert.NotEqual(0xEF, onDisk[0]);
            }
        }
        finally
        {
            foreach (var d in new[] { a, b, c }) Directory.Delete(d, recursive: true);
        }
    }

    [Fact]
    public void Output_for_a_fixed_seed_is_pinned()
    {
        // If this fails, the generator's output changed: bump CorpusGenerator.FormatVersion (so the
        // benchmark's cached corpora are regenerated) and update the expected hash.
        var sha = SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(CorpusGenerator.Generate(25, 42).Select(d => d.Plan.RelativePath + "\n" + d.Content))));
        Assert.Equal(ExpectedPinnedHash, CorpusGenerator.FormatVersion + ":" + Convert.ToHexStringLower(sha));
    }

    private const string ExpectedPinnedHash = "3:316ef200ef395c33e1ad4a316a488955a2501fe5016fc17550c51653860985ad";

    [Fact]
    public void Front_matter_parses_and_has_every_field_of_the_contract()
    {
        var docs = Docs.Value;
        var ids = new HashSet<string>();
        foreach (var d in docs)
        {
            var fm = d.FrontMatter;
            foreach (var key in new[] { "title", "date", "severity", "summary" })
                Assert.False(string.IsNullOrWhiteSpace(Scalar(fm, key)), $"{d.Path}: {key}");
            var id = Scalar(fm, "id");
            Assert.Matches(IdPattern, id);
            Assert.True(ids.Add(id), $"duplicate id {id}");
            var date = DateOnly.ParseExact(Scalar(fm, "date"), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.Equal($"postmortems/{date.Year}/{id}.md", d.Path);
            Assert.InRange(date, new DateOnly(2019, 1, 1), new DateOnly(2026, 11, 23));
            Assert.Contains(Scalar(fm, "severity"), new[] { "SEV1", "SEV2", "SEV3", "SEV4" });
            Assert.Contains(Scalar(fm, "lang"), new[] { "en", "ru", "fr", "de" });
            Assert.Contains(Scalar(fm, "status"), new[] { "published", "draft", "review" });
            Assert.Contains(Scalar(fm, "visibility"), new[] { "public", "internal" });
            Assert.InRange(Sequence(fm, "services").Count, 1, 3);
            var tags = Sequence(fm, "tags");
            Assert.InRange(tags.Count, 3, 6);
            Assert.Equal(tags.Count, tags.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.All(Sequence(fm, "cause_categories"), c =>
                Assert.Contains(c, new[] { "people", "process", "technology", "material", "measurement", "environment" }));
            Assert.NotEmpty(Sequence(fm, "authors"));
            Assert.False(string.IsNullOrWhiteSpace(Scalar(fm, "facilitator")));
            Assert.False(string.IsNullOrWhiteSpace(Scalar(fm, "detected_by")));

            var moments = new[] { "started", "detected", "mitigated", "resolved" }
                .Where(k => fm.Children.ContainsKey(k))
                .Select(k => Scalar(fm, k))
                .ToList();
            Assert.All(moments, m => Assert.Matches(TimestampPattern, m));
            var instants = moments.Select(m => DateTimeOffset.Parse(m, CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(instants.Order(), instants);
            if (fm.Children.ContainsKey("started"))
                Assert.Equal(date, DateOnly.FromDateTime(DateTimeOffset.Parse(Scalar(fm, "started"), CultureInfo.InvariantCulture).DateTime));

            var impact = (YamlMappingNode)fm.Children[new YamlScalarNode("impact")];
            Assert.InRange(impact.Children.Count, 2, 4);
            Assert.All(impact.Children.Values, v => Assert.IsType<YamlScalarNode>(v));

            var actions = (YamlSequenceNode)fm.Children[new YamlScalarNode("actions")];
            Assert.InRange(actions.Children.Count, 1, 5);
            foreach (YamlMappingNode a in actions.Children)
            {
                Assert.False(string.IsNullOrWhiteSpace(Scalar(a, "title")));
                Assert.False(string.IsNullOrWhiteSpace(Scalar(a, "owner")));
                Assert.True(DateOnly.ParseExact(Scalar(a, "due"), "yyyy-MM-dd", CultureInfo.InvariantCulture) > date);
                Assert.Contains(Scalar(a, "status"), new[] { "open", "in-progress", "done", "wont-do" });
                Assert.Contains(Scalar(a, "priority"), new[] { "high", "medium", "low" });
                if (a.Children.ContainsKey("link")) Assert.StartsWith("https://", Scalar(a, "link"));
            }
        }

        // The mix the benchmark relies on shows up even in a small sample.
        Assert.Contains(docs, d => d.FrontMatter.Children.ContainsKey("related"));
        Assert.Contains(docs, d => !d.FrontMatter.Children.ContainsKey("started"));
        Assert.Contains(docs, d => Sequence(d.FrontMatter, "tags").Any(t => t.Any(c => c > 127)));
        Assert.Contains(docs, d => ((YamlSequenceNode)d.FrontMatter.Children[new YamlScalarNode("actions")]).Children
            .Any(a => ((YamlMappingNode)a).Children.ContainsKey("success")));
    }

    [Fact]
    public void Related_ids_exist_point_backwards_and_onboarding_is_on_the_first_five()
    {
        var docs = Docs.Value;
        var index = docs.Select((d, i) => (Id: Scalar(d.FrontMatter, "id"), i)).ToDictionary(x => x.Id, x => x.i);
        for (var i = 0; i < docs.Count; i++)
        {
            var fm = docs[i].FrontMatter;
            var related = fm.Children.ContainsKey("related") ? Sequence(fm, "related") : [];
            Assert.InRange(related.Count, 0, 2);
            foreach (var id in related)
            {
                Assert.True(index.TryGetValue(id, out var target), $"{docs[i].Path}: related id {id} does not exist");
                Assert.True(target < i);
                Assert.Equal("published", Scalar(docs[target].FrontMatter, "status"));
            }
            if (i < 5)
            {
                Assert.Equal((i + 1).ToString(CultureInfo.InvariantCulture), Scalar(fm, "onboarding"));
                Assert.Equal("published", Scalar(fm, "status"));
            }
            else
            {
                Assert.False(fm.Children.ContainsKey("onboarding"));
            }
        }
    }

    [Fact]
    public void Bodies_are_about_700_words_with_the_conventional_sections()
    {
        foreach (var d in Docs.Value)
        {
            Assert.InRange(CorpusGenerator.CountWords(d.Body), 500, 900);
            Assert.DoesNotContain('{', d.Body + d.FrontMatterText); // every placeholder was filled
            Assert.DoesNotContain('}', d.Body + d.FrontMatterText);

            var lang = Scalar(d.FrontMatter, "lang");
            var lessonsHeading = lang switch
            {
                "en" => "Lessons learned", "ru" => "Извлечённые уроки", "fr" => "Leçons apprises", _ => "Erkenntnisse",
            };
            var lines = d.Body.Split('\n');
            var headings = lines.Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ToList();
            Assert.Equal(7, headings.Count);
            Assert.Equal("## " + lessonsHeading, headings[5]);

            var lessons = lines.SkipWhile(l => l != "## " + lessonsHeading).Skip(2).TakeWhile(l => l.Length > 0).ToList();
            Assert.InRange(lessons.Count, 2, 4);
            Assert.All(lessons, l => Assert.StartsWith("- ", l));

            Assert.True(lines.Count(l => TimelineItem.IsMatch(l)) >= 6, d.Path);
            for (var k = 1; k <= 5; k++) Assert.Contains(lines, l => l.StartsWith($"{k}. **", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Language_status_and_visibility_mix_matches_the_design()
    {
        var plans = CorpusGenerator.Plan(4000, 1);
        double Share(Func<DocPlan, bool> p) => plans.Count(p) / (double)plans.Length;
        Assert.InRange(Share(p => p.Lang == "en"), 0.50, 0.60);
        foreach (var lang in new[] { "ru", "fr", "de" }) Assert.InRange(Share(p => p.Lang == lang), 0.12, 0.18);
        Assert.InRange(Share(p => p.Status == "published"), 0.95, 0.99);
        Assert.InRange(Share(p => p.Visibility == "public"), 0.25, 0.45);
        Assert.Equal(plans.OrderBy(p => p.Date).Select(p => p.Id), plans.Select(p => p.Id));
        Assert.InRange(plans.Min(p => p.Date).Year, 2019, 2019);
        Assert.InRange(plans.Max(p => p.Date).Year, 2026, 2026);
    }

    [Fact]
    public void Phrase_banks_are_large_and_every_template_is_distinct()
    {
        foreach (var bank in LanguageBank.All)
        {
            var templates = bank.AllTemplates().Select(t => t.Source).ToList();
            Assert.True(templates.Count >= 60, $"{bank.Code}: {templates.Count} templates");
            Assert.Equal(templates.Count, templates.Distinct().Count());
        }
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(4, 1)]
    [InlineData(5, 2)]
    [InlineData(11, 2)]
    [InlineData(12, 2)]
    [InlineData(21, 0)]
    [InlineData(22, 1)]
    [InlineData(111, 2)]
    [InlineData(1001, 0)]
    public void Russian_plural_forms_follow_the_one_few_many_rule(int n, int form) =>
        Assert.Equal(form, Template.PluralForm("ru", n, 3));

    // ------------------------------------------------------------------ helpers

    private sealed record ParsedDoc(string Path, string FrontMatterText, YamlMappingNode FrontMatter, string Body)
    {
        public static ParsedDoc From(GeneratedDocument doc)
        {
            Assert.StartsWith("---\n", doc.Content);
            var end = doc.Content.IndexOf("\n---\n", 4, StringComparison.Ordinal);
            var yaml = doc.Content[4..(end + 1)];
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return new ParsedDoc(doc.Plan.RelativePath, yaml, (YamlMappingNode)stream.Documents[0].RootNode, doc.Content[(end + 5)..]);
        }
    }

    private static string Scalar(YamlMappingNode map, string key) =>
        ((YamlScalarNode)map.Children[new YamlScalarNode(key)]).Value ?? "";

    private static List<string> Sequence(YamlMappingNode map, string key) =>
        ((YamlSequenceNode)map.Children[new YamlScalarNode(key)]).Children.Select(n => ((YamlScalarNode)n).Value ?? "").ToList();

    private static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "kb-bench-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static SortedDictionary<string, byte[]> Snapshot(string dir) =>
        new(Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f).Replace('\\', '/'), File.ReadAllBytes), StringComparer.Ordinal);

    private static string Hash(SortedDictionary<string, byte[]> files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, bytes) in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(path));
            sha.AppendData(bytes);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
