using System.Text;
using KnowledgeBase.Tests.Site;

namespace KnowledgeBase.Tests.Trust;

/// <summary>
/// <c>kb build --public</c> contains only public, published post-mortems: the leak scan reads every byte of every
/// output file (whatever features write them) and every output path for the markers of the others.
/// </summary>
public sealed class PublicBuildTests
{
    private static byte[] Lower(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        for (var i = 0; i < copy.Length; i++)
            if (copy[i] is >= (byte)'A' and <= (byte)'Z') copy[i] += 32;
        return copy;
    }

    /// <summary>Every place a marker occurs: output paths, file contents (decompressed too), and the console.</summary>
    private static List<string> Find(BuiltSite site, IEnumerable<string> markers)
    {
        var needles = markers.Select(m => (m, Encoding.ASCII.GetBytes(m))).ToList();
        var hits = new List<string>();
        var written = Directory.Exists(site.OutputDir);
        foreach (var path in written ? OutputFiles.List(site.OutputDir) : [])
            foreach (var (marker, _) in needles)
                if (path.Contains(marker, StringComparison.OrdinalIgnoreCase)) hits.Add($"{marker} in the path {path}");
        foreach (var file in written ? OutputFiles.Read(site.OutputDir) : [])
        {
            var lower = Lower(file.Bytes);
            foreach (var (marker, needle) in needles)
            {
                var at = lower.AsSpan().IndexOf(needle);
                if (at >= 0) hits.Add($"{marker} in {file.RelativePath} at byte {at}: …{OutputFiles.Around(file.Bytes, at, 60)}…");
            }
        }
        foreach (var (marker, _) in needles)
        {
            if (site.Stdout.Contains(marker, StringComparison.OrdinalIgnoreCase)) hits.Add($"{marker} on standard output");
            if (site.Stderr.Contains(marker, StringComparison.OrdinalIgnoreCase)) hits.Add($"{marker} on standard error");
        }
        return hits;
    }

    [Theory]
    [InlineData("--public")]
    [InlineData("--public", "--drafts")]
    public void A_public_build_contains_no_byte_of_internal_or_draft_post_mortems(params string[] args)
    {
        using var dir = new TempDir();
        var input = LeakFixture.Create(dir);
        var site = BuiltSite.Build(input, Path.Combine(dir.Path, "out"), args);
        Assert.True(site.ExitCode == 0, site.Stderr);

        var files = OutputFiles.List(site.OutputDir);
        Assert.Contains("index.html", files);
        Assert.True(files.Count > 20, $"only {files.Count} files were written");

        var leaks = Find(site, LeakFixture.SecretMarkers);
        Assert.True(leaks.Count == 0, $"{leaks.Count} leak(s):\n" + string.Join("\n", leaks.Take(40)));

        // The scan does see content: every public marker is somewhere in the output.
        foreach (var marker in LeakFixture.PublicMarkers)
            Assert.True(Find(site, [marker]).Count > 0, $"public marker {marker} is missing from the output");
        Assert.Contains($"Built {LeakFixture.PublicCount} post-mortems", site.Stdout);
    }

    [Fact]
    public void Without_public_the_same_scan_finds_the_internal_markers()
    {
        // Proves the scan can fail: an internal build of the same input carries the internal post-mortems.
        using var dir = new TempDir();
        var input = LeakFixture.Create(dir);
        var site = BuiltSite.Build(input, Path.Combine(dir.Path, "out"), "--drafts");
        Assert.True(site.ExitCode == 0, site.Stderr);
        var found = Find(site, LeakFixture.SecretMarkers);
        Assert.Contains(found, h => h.Contains("zqatitleqz", StringComparison.Ordinal));
        Assert.Contains(found, h => h.Contains("zqcbodytextqz", StringComparison.Ordinal));
    }

    [Fact]
    public void Lists_counts_terms_and_links_reflect_only_public_incidents()
    {
        using var dir = new TempDir();
        var input = LeakFixture.Create(dir);
        var site = BuiltSite.Build(input, Path.Combine(dir.Path, "out"), "--public");
        Assert.True(site.ExitCode == 0, site.Stderr);

        Assert.Equal(["public-alpha", "public-beta"],
            site.Page("/incidents/").QuerySelectorAll("tr[data-incident]").Select(r => r.GetAttribute("data-incident")).Order(StringComparer.Ordinal));
        Assert.Equal(2, site.Page("/tags/shared/").QuerySelectorAll("tr[data-incident]").Length);
        Assert.Single(site.Page("/services/public-shared-service/").QuerySelectorAll("tr[data-incident]"));
        // Years and causes that only secret incidents had have no page.
        foreach (var gone in new[] { "/years/2019/", "/years/2018/", "/years/2025/", "/causes/environment/" })
            Assert.False(site.Exists(gone), gone + " should not exist");
        Assert.True(site.Exists("/years/2024/"));

        // Related links to dropped incidents disappear; body links to them become their words.
        var alpha = site.Page("/incidents/public-alpha/");
        var hrefs = alpha.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains("/incidents/public-beta/", hrefs);
        Assert.DoesNotContain(hrefs, h => h.Contains("zq", StringComparison.Ordinal));
        Assert.Contains("the earlier secret one", alpha.Body!.TextContent);
        Assert.Null(alpha.QuerySelectorAll("a").FirstOrDefault(a => a.TextContent == "the earlier secret one"));
        // Only public incidents are on the reading path.
        var path = site.Page("/onboarding/").QuerySelectorAll("ol.reading-path li a[href]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/incidents/public-alpha/"], path);
    }

    [Fact]
    public void Errors_of_a_public_build_name_and_quote_no_internal_post_mortem()
    {
        using var dir = new TempDir();
        var input = LeakFixture.Create(dir);
        // An internal file with errors whose messages would quote it, and a public one whose typo is close to an internal id.
        dir.Write("input/postmortems/2024/zqxbrokenfileqz.md",
            "---\ntitle: zqxtitleqz\ndate: 2024-01-01\nseverity: zqxseverityqz\nsummary: s\nzqxfieldqz: 1\n---\nzqxbodyqz\n");
        dir.Write("input/postmortems/2024/public-gamma.md",
            "---\ntitle: Gamma\ndate: 2024-02-01\nseverity: SEV9\nsummary: s\nvisibility: public\nrelated: [zqaidq]\n---\nBody.\n");
        var markers = LeakFixture.SecretMarkers.Concat(["zqxbrokenfileqz", "zqxtitleqz", "zqxseverityqz", "zqxfieldqz", "zqxbodyqz"]).ToList();

        var site = BuiltSite.Build(input, Path.Combine(dir.Path, "out"), "--public");
        Assert.Equal(1, site.ExitCode);
        var leaks = Find(site, markers);
        Assert.True(leaks.Count == 0, string.Join("\n", leaks) + "\n" + site.Stderr);
        // The public file's own errors are reported in full, with locations.
        Assert.Contains("postmortems/2024/public-gamma.md:4:11: error [severity]: expected one of SEV1, SEV2, SEV3, SEV4, found 'SEV9'", site.Stderr);
        Assert.Contains("postmortems/2024/public-gamma.md:7:11: error [related[0]]: no post-mortem has the id 'zqaidq'", site.Stderr);
        // The internal file's are counted, not shown.
        Assert.Contains("error(s) in post-mortems outside the public build", site.Stderr);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out")));

        // A public file that takes an internal file's id is told so without the internal file's path.
        dir.Write("input/postmortems/2024/zzz-public-copy.md",
            "---\nid: zqaidqz\ntitle: Copy\ndate: 2024-02-01\nseverity: SEV1\nsummary: s\nvisibility: public\n---\nBody.\n");
        var duplicate = BuiltSite.Build(input, Path.Combine(dir.Path, "out"), "--public");
        Assert.Contains("postmortems/2024/zzz-public-copy.md:2:5: error [id]: id 'zqaidqz' is already used by (a post-mortem outside the public build)", duplicate.Stderr);
        Assert.DoesNotContain("zqafilenameqz", duplicate.Stderr);
        File.Delete(Path.Combine(input, "postmortems/2024/zzz-public-copy.md"));

        // The same input without --public shows everything (so the redaction is what hides it).
        var internalBuild = BuiltSite.Build(input, Path.Combine(dir.Path, "out"));
        Assert.Contains("zqxseverityqz", internalBuild.Stderr);
        Assert.Contains("did you mean 'zqaidqz'", internalBuild.Stderr);
    }
}
