using System.Security.Cryptography;

namespace KnowledgeBase.Tests.Site;

/// <summary>Broken input is reported with locations, exits 1, and never touches the previous site.</summary>
public sealed class FailedBuildTests
{
    private static string Fingerprint(string dir) => string.Join("\n",
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(dir, f) + ":" + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))));

    [Fact]
    public void Broken_input_reports_every_error_located_and_keeps_the_previous_site()
    {
        using var dir = new TempDir();
        var input = SmallKnowledgeBase.Create(dir);
        var output = Path.Combine(dir.Path, "out");
        Assert.Equal(0, BuiltSite.Build(input, output).ExitCode);
        var before = Fingerprint(output);

        dir.Write("input/postmortems/2024/tls-expired.md", SmallKnowledgeBase.English
            .Replace("severity: SEV2", "severity: SEV9")
            .Replace("due: 2024-06-30", "due: 30/06/2024")
            .Replace("related: [db-disk-full]", "related: [db-disk-ful]"));
        dir.Write("input/postmortems/2025/broken-yaml.md", "---\ntitle: Broken\ndate: 2025-01-01\nseverity: [SEV1\nsummary: x\n---\nbody\n");

        var failed = BuiltSite.Build(input, output);
        Assert.Equal(1, failed.ExitCode);
        Assert.Equal(before, Fingerprint(output));
        Assert.Contains("postmortems/2024/tls-expired.md:4:11: error [severity]: expected one of SEV1, SEV2, SEV3, SEV4, found 'SEV9'", failed.Stderr);
        Assert.Contains("postmortems/2024/tls-expired.md:30:10: error [actions[1].due]: expected a date as YYYY-MM-DD", failed.Stderr);
        Assert.Contains("postmortems/2024/tls-expired.md:19:11: error [related[0]]: no post-mortem has the id 'db-disk-ful'; did you mean 'db-disk-full'?", failed.Stderr);
        Assert.Contains("postmortems/2025/broken-yaml.md:", failed.Stderr);
        Assert.Contains("YAML syntax error", failed.Stderr);
        Assert.Contains("left unchanged", failed.Stderr);
        Assert.DoesNotContain("   at ", failed.Stderr);
        Assert.Empty(Directory.EnumerateDirectories(dir.Path, ".out.*"));
    }

    [Fact]
    public void Missing_required_fields_are_all_reported_at_once()
    {
        using var dir = new TempDir();
        dir.Write("input/postmortems/a.md", "---\ntags: [x]\n---\nNo fields.\n");
        var site = BuiltSite.Build(Path.Combine(dir.Path, "input"), Path.Combine(dir.Path, "out"));
        Assert.Equal(1, site.ExitCode);
        foreach (var field in new[] { "title", "date", "severity", "summary" })
            Assert.Contains($"postmortems/a.md:1:1: error [{field}]: missing required field '{field}'", site.Stderr);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out")));
    }

    [Fact]
    public void Duplicate_ids_and_unsafe_links_are_errors()
    {
        using var dir = new TempDir();
        var input = SmallKnowledgeBase.Create(dir);
        dir.Write("input/postmortems/2026/copy.md", SmallKnowledgeBase.Russian.Replace("## Резюме", "## Резюме\n\n[click](javascript:alert(1))"));
        var site = BuiltSite.Build(input, Path.Combine(dir.Path, "out"));
        Assert.Equal(1, site.ExitCode);
        Assert.Contains("postmortems/2026/copy.md:2:5: error [id]: id 'db-disk-full' is already used by postmortems/2023/db-disk-full.md", site.Stderr);
    }

    [Fact]
    public void Javascript_links_in_the_body_are_located_errors()
    {
        using var dir = new TempDir();
        var input = SmallKnowledgeBase.Create(dir);
        dir.Write("input/postmortems/2026/evil.md", "---\ntitle: t\ndate: 2026-01-01\nseverity: SEV4\nsummary: s\n---\n## A\n\nSee [this](javascript:alert(1)).\n");
        var site = BuiltSite.Build(input, Path.Combine(dir.Path, "out"));
        Assert.Equal(1, site.ExitCode);
        Assert.Contains("postmortems/2026/evil.md:9:5: error [body]: link target 'javascript:alert(1)' is not allowed", site.Stderr);
    }

    [Fact]
    public void Output_folder_with_foreign_files_is_refused_without_deleting_them()
    {
        using var dir = new TempDir();
        var input = SmallKnowledgeBase.Create(dir);
        var precious = dir.Write("precious/notes.txt", "keep me");
        var site = BuiltSite.Build(input, Path.Combine(dir.Path, "precious"));
        Assert.Equal(2, site.ExitCode);
        Assert.Contains("not empty and was not written by kb", site.Stderr);
        Assert.Equal("keep me", File.ReadAllText(precious));
    }

    [Fact]
    public void Output_inside_the_input_is_refused()
    {
        using var dir = new TempDir();
        var input = SmallKnowledgeBase.Create(dir);
        var site = BuiltSite.Build(input, Path.Combine(input, "site"));
        Assert.Equal(2, site.ExitCode);
        Assert.Contains("must not contain or lie inside the input folder", site.Stderr);
    }
}
