using System.Text;
using KnowledgeBase.Caching;
using KnowledgeBase.Model;
using KnowledgeBase.Pipeline;

namespace KnowledgeBase.Tests.Site;

/// <summary>
/// The build cache (Caching/: the site record) may only ever save work, never change a result: after any edit, a
/// build into a folder built before (state, record and all) gives byte for byte the site, and exactly the messages,
/// of a clean build of the edited input into a fresh folder. A record that is corrupt, truncated, of another format
/// or engine, or stale is ignored. And it does save work: an unchanged rebuild runs no stage, so the feature cannot
/// silently stop.
/// </summary>
public sealed class BuildCacheTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 23);

    /// <summary>The small knowledge base plus a file with a parse warning (unknown field) and a Markdown warning (raw script).</summary>
    private static string CreateInput(TempDir dir)
    {
        var input = SmallKnowledgeBase.Create(dir);
        dir.Write("input/postmortems/2024/warned.md", """
            ---
            title: Cache node restarted in a loop
            date: 2024-05-02
            severity: SEV3
            summary: A bad config made the cache node restart every minute.
            tags: [cache, config]
            surprise_field: not in the format
            ---
            ## Summary

            The node restarted. <script>alert(1)</script>

            ## Lessons learned

            - Validate config before rollout.
            """);
        return input;
    }

    private static BuildResult Build(string input, string output, DateOnly? asOf = null, IReadOnlyList<string>? themeDirs = null, bool drafts = false) =>
        new SiteBuilder().Build(new BuildOptions
        {
            InputDir = input, OutputDir = output, AsOf = asOf ?? AsOf, ThemeDirs = themeDirs ?? [], IncludeDrafts = drafts,
        });

    private static Dictionary<string, byte[]> Files(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal);

    private static void AssertSameSite(string expectedDir, string actualDir)
    {
        var expected = Files(expectedDir);
        var actual = Files(actualDir);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, bytes) in expected) Assert.True(bytes.AsSpan().SequenceEqual(actual[path]), $"{path} differs from a clean build");
    }

    private static string Messages(BuildResult r) => string.Join("\n", r.Diagnostics.Select(d => d.ToString()));

    /// <summary>The edited input built into a fresh folder (no state, no cache) must equal the incremental result.</summary>
    private static void AssertEqualsCleanBuild(TempDir dir, string input, BuildResult incremental, string output,
        DateOnly? asOf = null, IReadOnlyList<string>? themeDirs = null, bool drafts = false)
    {
        var cleanOutput = Path.Combine(dir.Path, "clean-" + Guid.NewGuid().ToString("N"));
        var clean = Build(input, cleanOutput, asOf, themeDirs, drafts);
        Assert.True(clean.Succeeded, Messages(clean));
        Assert.False(clean.Cache.Loaded);
        Assert.True(incremental.Succeeded, Messages(incremental));
        Assert.Equal(Messages(clean), Messages(incremental));
        Assert.Equal((clean.Incidents, clean.Pages, clean.Files, clean.Bytes), (incremental.Incidents, incremental.Pages, incremental.Files, incremental.Bytes));
        AssertSameSite(cleanOutput, output);
    }

    private static void Edit(string input, string relative, Func<string, string> change)
    {
        var path = Path.Combine(input, relative);
        var before = File.ReadAllText(path);
        var after = change(before);
        Assert.NotEqual(before, after);
        File.WriteAllText(path, after);
    }

    public static TheoryData<string> Edits =>
    [
        "body text", "title", "tags", "severity", "action status", "related link", "new file", "deleted file",
        "renamed file", "site.yml", "draft published", "warning fixed", "body link target renamed",
    ];

    private static void Apply(string edit, TempDir dir, string input)
    {
        const string german = "postmortems/2025/queue-backlog.md";
        switch (edit)
        {
            case "body text": Edit(input, german, t => t.Replace("Die Warteschlange wuchs.", "Die Warteschlange wuchs sehr schnell.")); break;
            case "title": Edit(input, "postmortems/2024/tls-expired.md", t => t.Replace("title: Certificate expired", "title: Certificate lapsed")); break;
            case "tags": Edit(input, "postmortems/2024/dns-migration.md", t => t.Replace("tags: [dns, Base de données]", "tags: [dns, réseau]")); break;
            case "severity": Edit(input, german, t => t.Replace("severity: SEV4", "severity: SEV2")); break;
            case "action status": Edit(input, "postmortems/2023/db-disk-full.md", t => t.Replace("status: open", "status: done")); break;
            case "related link": Edit(input, "postmortems/2024/dns-migration.md", t => t.Replace("related: [tls-expired]", "related: [db-disk-full]")); break;
            case "new file": dir.Write("input/postmortems/2025/new-outage.md", SmallKnowledgeBase.German.Replace("Rückstau in der Bestellwarteschlange", "Neuer Ausfall")); break;
            case "deleted file": File.Delete(Path.Combine(input, german)); break;
            case "renamed file": File.Move(Path.Combine(input, german), Path.Combine(input, "postmortems/2025/order-queue-backlog.md")); break;
            case "site.yml": Edit(input, "site.yml", t => t.Replace("title: Test KB", "title: Renamed KB")); break;
            case "draft published": Edit(input, "postmortems/2025/secret-draft.md", t => t.Replace("status: draft", "status: published")); break;
            case "warning fixed": Edit(input, "postmortems/2024/warned.md", t => t.Replace("surprise_field: not in the format\n", "").Replace(" <script>alert(1)</script>", "")); break;
            // The English body links to the Russian file by path: its id and link change with the file's name.
            case "body link target renamed": File.Move(Path.Combine(input, "postmortems/2023/db-disk-full.md"), Path.Combine(input, "postmortems/2023/db-disk-full-2.md"));
                Edit(input, "postmortems/2024/tls-expired.md", t => t.Replace("../2023/db-disk-full.md", "../2023/db-disk-full-2.md"));
                break;
            default: throw new ArgumentOutOfRangeException(nameof(edit), edit, null);
        }
    }

    [Theory]
    [MemberData(nameof(Edits))]
    public void An_incremental_build_after_an_edit_equals_a_clean_build_of_the_edited_input(string edit)
    {
        using var dir = new TempDir();
        var input = CreateInput(dir);
        var output = Path.Combine(dir.Path, "out");
        var first = Build(input, output);
        Assert.True(first.Succeeded, Messages(first));
        Assert.True(first.Diagnostics.Count(d => !d.IsError) >= 2, "the input should carry a parse and a Markdown warning");

        Apply(edit, dir, input);
        var incremental = Build(input, output);

        Assert.True(incremental.Cache.Loaded);
        Assert.False(incremental.Cache.SiteReused);
        AssertEqualsCleanBuild(dir, input, incremental, output);
    }

    [Fact]
    public void A_rebuild_with_nothing_changed_runs_no_stage_and_reports_the_same_messages()
    {
        using var dir = new TempDir();
        var input = CreateInput(dir);
        var output = Path.Combine(dir.Path, "out");
        var first = Build(input, output);

        var again = Build(input, output);

        Assert.True(again.Cache.SiteReused);
        Assert.Equal(Messages(first), Messages(again));
        Assert.Equal((first.Incidents, first.Pages, first.Files, first.Bytes), (again.Incidents, again.Pages, again.Files, again.Bytes));
        Assert.Equal(0, again.FilesChanged);
        Assert.DoesNotContain(again.Stages, s => s.Stage is "parse" or "markdown" or "search" or "render+write");
        AssertEqualsCleanBuild(dir, input, again, output);
    }

    [Fact]
    public void One_edited_post_mortem_builds_the_site_again_and_writes_only_the_files_that_changed()
    {
        using var dir = new TempDir();
        var input = CreateInput(dir);
        var output = Path.Combine(dir.Path, "out");
        var first = Build(input, output);

        Apply("body text", dir, input);
        var incremental = Build(input, output);

        Assert.True(incremental.Cache.Loaded);
        Assert.False(incremental.Cache.SiteReused);
        Assert.Contains(incremental.Stages, s => s.Stage == "parse");
        Assert.Contains(incremental.Stages, s => s.Stage == "markdown");
        Assert.InRange(incremental.FilesChanged, 1, incremental.Files - 1);
        // Warnings of the unchanged files are reported all the same.
        Assert.Equal(Messages(first), Messages(incremental));
    }

    [Fact]
    public void Changed_options_and_theme_are_seen()
    {
        using var dir = new TempDir();
        var input = CreateInput(dir);
        var output = Path.Combine(dir.Path, "out");
        var theme = Path.Combine(dir.Path, "theme");
        dir.Write("theme/assets/css/site.css", "body { color: black; }\n");
        Assert.True(Build(input, output, themeDirs: [theme]).Succeeded);

        dir.Write("theme/assets/css/site.css", "body { color: navy; }\n");
        var themed = Build(input, output, themeDirs: [theme]);
        Assert.False(themed.Cache.SiteReused);
        AssertEqualsCleanBuild(dir, input, themed, output, themeDirs: [theme]);

        var later = Build(input, output, asOf: new DateOnly(2027, 6, 1), themeDirs: [theme]);
        Assert.False(later.Cache.SiteReused);
        AssertEqualsCleanBuild(dir, input, later, output, asOf: new DateOnly(2027, 6, 1), themeDirs: [theme]);

        var drafts = Build(input, output, asOf: new DateOnly(2027, 6, 1), themeDirs: [theme], drafts: true);
        Assert.False(drafts.Cache.SiteReused);
        AssertEqualsCleanBuild(dir, input, drafts, output, asOf: new DateOnly(2027, 6, 1), themeDirs: [theme], drafts: true);
    }

    public static TheoryData<string> Damages => ["truncated", "flipped byte", "other format", "other engine", "garbage", "empty"];

    private static void Damage(string path, string how)
    {
        var bytes = File.ReadAllBytes(path);
        var text = Encoding.UTF8.GetString(bytes);
        var lines = text.Split('\n');
        switch (how)
        {
            case "truncated": File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]); break;
            case "flipped byte": bytes[bytes.Length * 2 / 3] ^= 0x20; File.WriteAllBytes(path, bytes); break;
            case "other format": File.WriteAllText(path, text.Replace(lines[0], lines[0].Replace(" " + CacheFile.FormatVersion, " 999"))); break;
            case "other engine": File.WriteAllText(path, text.Replace(lines[1], new string('0', lines[1].Length))); break;
            case "garbage": File.WriteAllText(path, "not a cache\n"); break;
            case "empty": File.WriteAllBytes(path, []); break;
            default: throw new ArgumentOutOfRangeException(nameof(how), how, null);
        }
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public void A_damaged_site_record_is_ignored_and_the_result_is_still_right(string how)
    {
        using var dir = new TempDir();
        var input = CreateInput(dir);
        var output = Path.Combine(dir.Path, "out");
        Assert.True(Build(input, output).Succeeded);
        var path = CacheFile.PathFor(output, CacheFile.SiteKind);
        Assert.True(File.Exists(path));
        Damage(path, how);
        // A checksum-valid payload written by "another engine" must not pass either: the identity is checked first.
        Assert.Null(CacheFile.LoadSite(path));

        // Unchanged input: with a damaged site record the site is built again, never kept on its word.
        var unchanged = Build(input, output);
        Assert.False(unchanged.Cache.Loaded);
        Assert.False(unchanged.Cache.SiteReused);
        AssertEqualsCleanBuild(dir, input, unchanged, output);

        // That build wrote a new record: damaged again, an edited input is built right too.
        Damage(path, how);
        Apply("title", dir, input);
        var edited = Build(input, output);
        Assert.False(edited.Cache.Loaded);
        AssertEqualsCleanBuild(dir, input, edited, output);
    }

    [Fact]
    public void A_site_record_that_does_not_describe_the_folder_is_not_trusted()
    {
        using var dir = new TempDir();
        var input = CreateInput(dir);
        var output = Path.Combine(dir.Path, "out");
        Assert.True(Build(input, output).Succeeded);
        var record = CacheFile.PathFor(output, CacheFile.SiteKind);
        var original = File.ReadAllBytes(record);
        var germanPath = Path.Combine(input, "postmortems/2025/queue-backlog.md");
        var german = File.ReadAllText(germanPath);

        // Another build replaces the site; then the old input and the old record come back (a restored backup, or
        // a build killed after its commit): the fingerprint matches, but the folder holds the other build's site.
        Apply("severity", dir, input);
        Assert.True(Build(input, output).Succeeded);
        File.WriteAllText(germanPath, german);
        File.WriteAllBytes(record, original);

        var rebuilt = Build(input, output);
        Assert.False(rebuilt.Cache.SiteReused);
        AssertEqualsCleanBuild(dir, input, rebuilt, output);
    }

    [Fact]
    public void A_site_file_changed_by_hand_is_written_again_even_when_the_input_is_unchanged()
    {
        using var dir = new TempDir();
        var input = CreateInput(dir);
        var output = Path.Combine(dir.Path, "out");
        Assert.True(Build(input, output).Succeeded);
        File.AppendAllText(Path.Combine(output, "index.html"), "<!-- edited -->");

        var rebuilt = Build(input, output);

        Assert.False(rebuilt.Cache.SiteReused);
        AssertEqualsCleanBuild(dir, input, rebuilt, output);
    }

    [Fact]
    public void Verbose_build_says_how_much_was_reused()
    {
        using var dir = new TempDir();
        var input = CreateInput(dir);
        var output = Path.Combine(dir.Path, "out");
        Assert.Contains("cache: none usable (full build)", BuiltSite.Build(input, output, "-v").Stdout);
        Assert.Contains("cache: nothing changed, previous site kept", BuiltSite.Build(input, output, "-v").Stdout);
        Apply("body text", dir, input);
        var edited = BuiltSite.Build(input, output, "-v").Stdout;
        Assert.Contains("cache: inputs or site changed since the previous build", edited);
        Assert.DoesNotContain("cached", edited);
    }
}
