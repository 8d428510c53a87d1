using KnowledgeBase.Tests.Site;

namespace KnowledgeBase.Tests.Trust;

/// <summary>
/// Ids, file names and terms can never make a build write outside its output folder, and symbolic links inside the
/// input are not followed (a link to a file or folder elsewhere, the postmortems folder or site.yml as a link).
/// Every case runs the whole build through the CLI.
/// </summary>
public sealed class FileSafetyTests
{
    private const string Valid = "---\ntitle: Fine\ndate: 2024-01-01\nseverity: SEV3\nsummary: Fine.\n---\nBody.\n";

    /// <summary>Every file under the temp folder except the site itself: must not change.</summary>
    private static List<string> FilesOutsideSite(TempDir dir) =>
        Directory.EnumerateFileSystemEntries(dir.Path, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir.Path, f))
            .Where(f => f != "out" && !f.StartsWith("out" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            // kb's own files for the site it wrote (incremental builds: state and site record; the build lock), fixed
            // names beside it.
            .Where(f => f is not (".out.kb-build-state" or ".out.kb-build-site" or ".out.kb-lock"))
            .Order(StringComparer.Ordinal).ToList();

    [Theory]
    [InlineData("../../../escaped")]
    [InlineData("../escaped")]
    [InlineData("/tmp/escaped")]
    [InlineData("..\\\\escaped")]
    [InlineData("x/../../escaped")]
    [InlineData("%2e%2e%2fescaped")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("-starts-with-hyphen")]
    [InlineData("UPPER")]
    [InlineData("nul\\u0000byte")]
    [InlineData("new\\nline")]
    [InlineData("con")]
    public void Hostile_ids_are_located_errors_and_write_nothing(string id)
    {
        using var dir = new TempDir();
        dir.Write("input/postmortems/a.md", $"---\nid: \"{id}\"\ntitle: t\ndate: 2024-01-01\nseverity: SEV1\nsummary: s\n---\nb\n");
        dir.Write("input/postmortems/ok.md", Valid);
        var before = FilesOutsideSite(dir);

        var site = BuiltSite.Build(Path.Combine(dir.Path, "input"), Path.Combine(dir.Path, "out"));

        if (id == "con")
        {
            // A valid id that is a reserved device name on Windows is just a folder name on Linux and macOS.
            Assert.True(site.ExitCode == 0, site.Stderr);
            Assert.True(site.Exists("/incidents/con/"));
        }
        else
        {
            Assert.Equal(1, site.ExitCode);
            Assert.Matches(@"postmortems/a\.md:2:\d+: error \[id\]", site.Stderr);
            Assert.False(Directory.Exists(Path.Combine(dir.Path, "out")));
        }
        Assert.Equal(before, FilesOutsideSite(dir));
        Assert.DoesNotContain("   at ", site.Stderr);
    }

    [Theory]
    [InlineData(" leading space.md", " leading space")]
    [InlineData("Отказ базы данных.md", "Отказ базы данных")]
    [InlineData("incident 2024.md", "incident 2024")]
    [InlineData("UPPER.md", "UPPER")]
    [InlineData("tab\there.md", "tab\there")]
    public void File_names_that_are_not_ids_ask_for_an_id_field(string fileName, string shown)
    {
        using var dir = new TempDir();
        dir.Write("input/postmortems/2024/" + fileName, Valid);
        var site = BuiltSite.Build(Path.Combine(dir.Path, "input"), Path.Combine(dir.Path, "out"));
        Assert.Equal(1, site.ExitCode);
        Assert.Contains($"postmortems/2024/{fileName}:1:1: error [id]: the file name '{shown}' is not a valid id ([a-z0-9][a-z0-9-]*); add an 'id:' field or rename the file", site.Stderr);

        // With an id the same file builds, and its page is named by the id.
        dir.Write("input/postmortems/2024/" + fileName, Valid.Replace("title: Fine", "id: named-by-id\ntitle: Fine"));
        var fixedSite = BuiltSite.Build(Path.Combine(dir.Path, "input"), Path.Combine(dir.Path, "out"));
        Assert.True(fixedSite.ExitCode == 0, fixedSite.Stderr);
        Assert.True(fixedSite.Exists("/incidents/named-by-id/"));
    }

    [Fact]
    public void Hidden_files_such_as_dot_dot_md_are_not_read()
    {
        using var dir = new TempDir();
        dir.Write("input/postmortems/..md", Valid.Replace("Fine", "zqhiddenqz"));
        dir.Write("input/postmortems/.draft.md", Valid.Replace("Fine", "zqhiddenqz"));
        dir.Write("input/postmortems/ok.md", Valid);
        var site = BuiltSite.Build(Path.Combine(dir.Path, "input"), Path.Combine(dir.Path, "out"));
        Assert.True(site.ExitCode == 0, site.Stderr);
        Assert.Contains("Built 1 post-mortems", site.Stdout);
    }

    [Fact]
    public void Terms_that_look_like_paths_get_pages_inside_the_site()
    {
        using var dir = new TempDir();
        dir.Write("input/postmortems/a.md", """
            ---
            title: Paths
            date: 2024-01-01
            severity: SEV1
            summary: s
            tags: ["../../../../tmp/evil", "..", "/etc/passwd", "C:\\Windows", "%2e%2e", ".hidden", "a/b"]
            services: ["..\\..\\x", "~", "...."]
            ---
            Body.
            """);
        var before = FilesOutsideSite(dir);
        var site = BuiltSite.Build(Path.Combine(dir.Path, "input"), Path.Combine(dir.Path, "out"));
        Assert.True(site.ExitCode == 0, site.Stderr);
        Assert.Equal(before, FilesOutsideSite(dir));
        // Every term page is a plain folder right under its taxonomy.
        foreach (var taxonomy in new[] { "tags", "services" })
            foreach (var page in Directory.EnumerateDirectories(Path.Combine(site.OutputDir, taxonomy)))
            {
                var name = Path.GetFileName(page);
                Assert.DoesNotContain("..", name);
                Assert.False(name.StartsWith('.'), name);
            }
        Assert.True(site.Exists("/tags/tmp-evil/"));
        Assert.True(site.Exists("/tags/etc-passwd/"));
    }

    [Fact]
    public void Links_inside_the_input_are_not_followed_anywhere_in_the_build()
    {
        using var dir = new TempDir();
        var input = Path.Combine(dir.Path, "input");
        dir.Write("input/postmortems/real.md", Valid);
        var secret = Valid.Replace("title: Fine", "title: zqlinkedsecretqz").Replace("Body.", "zqlinkedbodyqz");
        var outsideFile = dir.Write("elsewhere/secret.md", secret);
        dir.Write("elsewhere/folder/2024/inner.md", secret.Replace("zqlinkedsecretqz", "zqlinkedfolderqz"));
        File.CreateSymbolicLink(Path.Combine(input, "postmortems", "linked-file.md"), outsideFile);
        Directory.CreateSymbolicLink(Path.Combine(input, "postmortems", "linked-folder"), Path.Combine(dir.Path, "elsewhere", "folder"));
        // A link to a file inside the input is a link too.
        File.CreateSymbolicLink(Path.Combine(input, "postmortems", "alias.md"), Path.Combine(input, "postmortems", "real.md"));

        var site = BuiltSite.Build(input, Path.Combine(dir.Path, "out"), "--verbose");
        Assert.True(site.ExitCode == 0, site.Stderr);
        Assert.Contains("Built 1 post-mortems", site.Stdout);
        foreach (var file in OutputFiles.Read(site.OutputDir))
        {
            var text = System.Text.Encoding.UTF8.GetString(file.Bytes);
            Assert.DoesNotContain("zqlinked", text);
        }
        Assert.False(site.Exists("/incidents/linked-file/"));
        Assert.False(site.Exists("/incidents/inner/"));
    }

    [Fact]
    public void A_linked_postmortems_folder_or_site_yml_is_an_error_not_followed()
    {
        using var dir = new TempDir();
        var input = Path.Combine(dir.Path, "input");
        dir.Write("elsewhere/postmortems/2024/outside.md", Valid.Replace("Fine", "zqlinkedrootqz"));
        dir.Write("elsewhere/site.yml", "title: zqlinkedsettingsqz\n");
        Directory.CreateDirectory(input);
        Directory.CreateSymbolicLink(Path.Combine(input, "postmortems"), Path.Combine(dir.Path, "elsewhere", "postmortems"));
        File.CreateSymbolicLink(Path.Combine(input, "site.yml"), Path.Combine(dir.Path, "elsewhere", "site.yml"));

        var site = BuiltSite.Build(input, Path.Combine(dir.Path, "out"));
        Assert.Equal(1, site.ExitCode);
        Assert.Contains("postmortems/: error: the postmortems folder is a symbolic link", site.Stderr);
        Assert.Contains("site.yml: error: site.yml is a symbolic link", site.Stderr);
        Assert.DoesNotContain("zqlinked", site.Stderr);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out")));
    }

    [Fact]
    public void The_input_folder_itself_may_be_a_link()
    {
        using var dir = new TempDir();
        dir.Write("real-input/postmortems/ok.md", Valid);
        var link = Path.Combine(dir.Path, "input");
        Directory.CreateSymbolicLink(link, Path.Combine(dir.Path, "real-input"));
        var site = BuiltSite.Build(link, Path.Combine(dir.Path, "out"));
        Assert.True(site.ExitCode == 0, site.Stderr);
        Assert.True(site.Exists("/incidents/ok/"));
    }
}
