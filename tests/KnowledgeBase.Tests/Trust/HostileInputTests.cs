using System.Diagnostics;
using System.Text;
using KnowledgeBase.Model;
using KnowledgeBase.Pipeline;
using KnowledgeBase.Tests.Site;
using Xunit.Abstractions;

namespace KnowledgeBase.Tests.Trust;

/// <summary>
/// Broken and hostile input: every case builds or fails with located errors (file, and a line for anything in the
/// front matter), never an unhandled exception, a hang or a stack overflow (which would kill the test run).
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    private const string Valid = "---\ntitle: Fine\ndate: 2024-01-01\nseverity: SEV3\nsummary: Fine.\n---\nBody.\n";

    /// <summary>Builds in-process into a fresh output folder; asserts the result is a success or located errors.</summary>
    internal static BuildResult Build(string input, string outputDir, bool check = false)
    {
        BuildResult result;
        try
        {
            result = new SiteBuilder().Build(new BuildOptions { InputDir = input, OutputDir = outputDir, AsOf = new DateOnly(2026, 1, 1), CheckOnly = check });
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException("the build threw instead of reporting: " + e);
        }
        AssertLocated(result);
        if (result.Succeeded && !check) Assert.True(File.Exists(Path.Combine(outputDir, "index.html")), "a successful build wrote no site");
        return result;
    }

    internal static void AssertLocated(BuildResult result)
    {
        foreach (var d in result.Diagnostics)
        {
            Assert.False(string.IsNullOrWhiteSpace(d.File), "a diagnostic without a file: " + d);
            Assert.False(string.IsNullOrWhiteSpace(d.Message), "a diagnostic without a message: " + d);
            var isPostmortem = d.File.StartsWith("postmortems/", StringComparison.Ordinal) && d.File.EndsWith(".md", StringComparison.Ordinal);
            // Whole-file problems (unreadable) may have no line; everything about a post-mortem's content has one.
            if (isPostmortem && !d.Message.StartsWith("cannot read", StringComparison.Ordinal))
                Assert.True(d.Line > 0, "a diagnostic without a line: " + d);
        }
    }

    private static BuildResult BuildOne(TempDir dir, byte[] content, string name = "postmortems/2024/case.md")
    {
        var full = Path.Combine(dir.Path, "input", name);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return Build(Path.Combine(dir.Path, "input"), Path.Combine(dir.Path, "out"));
    }

    private static BuildResult BuildOne(TempDir dir, string content) => BuildOne(dir, Encoding.UTF8.GetBytes(content));

    private static Diagnostic Error(BuildResult r, string contains)
    {
        var errors = r.Diagnostics.Where(d => d.IsError).ToList();
        Assert.True(errors.Any(d => d.Message.Contains(contains, StringComparison.Ordinal)),
            $"no error containing '{contains}':\n" + string.Join("\n", r.Diagnostics));
        return errors.First(d => d.Message.Contains(contains, StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_file_is_a_located_error()
    {
        using var dir = new TempDir();
        var e = Error(BuildOne(dir, ""), "expected YAML front matter");
        Assert.Equal(("postmortems/2024/case.md", 1), (e.File, e.Line));
    }

    [Fact]
    public void A_byte_order_mark_and_crlf_line_ends_build_and_keep_line_numbers()
    {
        using var dir = new TempDir();
        var crlf = Valid.Replace("\n", "\r\n");
        Assert.True(BuildOne(dir, [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(crlf)]).Succeeded);
        var broken = BuildOne(dir, [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(crlf.Replace("SEV3", "SEV9"))]);
        var e = Error(broken, "found 'SEV9'");
        Assert.Equal((4, 11), (e.Line, e.Column));
    }

    [Fact]
    public void Non_utf8_bytes_name_the_file_and_byte_offset()
    {
        using var dir = new TempDir();
        var bytes = Encoding.UTF8.GetBytes(Valid.Replace("Body.", "Caf\u00e9"));
        var at = Array.IndexOf(bytes, (byte)0xC3);
        bytes[at] = 0xFF;
        var e = Error(BuildOne(dir, bytes), "not valid UTF-8");
        Assert.Contains($"invalid byte 0xFF at byte offset {at}", e.Message);
        Assert.Equal(7, e.Line);
    }

    [Fact]
    public void Duplicate_keys_name_both_lines()
    {
        using var dir = new TempDir();
        var e = Error(BuildOne(dir, Valid.Replace("summary: Fine.", "summary: Fine.\ntitle: Again")), "duplicate key 'title'");
        Assert.Equal(6, e.Line);
        Assert.Contains("first given on line 2", e.Message);
        Assert.Equal("title", e.Field);
    }

    [Fact]
    public void Exponential_yaml_aliases_are_refused_quickly_with_a_clear_error()
    {
        using var dir = new TempDir();
        var laughs = new StringBuilder("lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 12; i++)
            laughs.Append($"lol{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        // Used as a value, and as a map key (hashing a key walks it entirely).
        var text = Valid.Replace("summary: Fine.\n", "summary: Fine.\n" + laughs + "tags: *a11\nimpact:\n  ? *a11\n  : x\n");
        var watch = Stopwatch.StartNew();
        var e = Error(BuildOne(dir, text), "anchors and aliases");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.True(e.Line > 1);
    }

    [Theory]
    [InlineData("flow")]
    [InlineData("dashes")]
    [InlineData("maps")]
    public void Deeply_nested_yaml_is_refused_before_it_overflows_the_stack(string shape)
    {
        using var dir = new TempDir();
        var deep = shape switch
        {
            "flow" => "tags: " + new string('[', 10_000) + new string(']', 10_000) + "\n",
            "dashes" => "tags:\n  " + string.Concat(Enumerable.Repeat("- ", 10_000)) + "x\n",
            _ => "impact: " + string.Concat(Enumerable.Repeat("{a: ", 10_000)) + "x" + new string('}', 10_000) + "\n",
        };
        var e = Error(BuildOne(dir, Valid.Replace("summary: Fine.\n", "summary: Fine.\n" + deep)), "nested more than 32 levels");
        Assert.Equal(shape == "dashes" ? 7 : 6, e.Line);
    }

    [Fact]
    public void An_oversized_front_matter_is_refused()
    {
        using var dir = new TempDir();
        var big = "notes: \"" + new string('x', 300 * 1024) + "\"\n";
        var e = Error(BuildOne(dir, Valid.Replace("summary: Fine.\n", "summary: Fine.\n" + big)), "the limit is 256 KiB");
        Assert.True(e.Line > 0);
    }

    [Theory]
    [InlineData("quotes")]
    [InlineData("lists")]
    [InlineData("indented-lists")]
    [InlineData("mixed")]
    public void Markdown_nested_ten_thousand_levels_is_a_located_error(string shape)
    {
        using var dir = new TempDir();
        var body = shape switch
        {
            "quotes" => "Intro.\n\n" + new string('>', 10_000) + " deep\n",
            "lists" => "Intro.\n\n" + string.Concat(Enumerable.Repeat("- ", 10_000)) + "deep\n",
            // Indentation nesting grows the file quadratically: 1,000 levels are 1 MB already.
            "indented-lists" => "Intro.\n\n" + string.Concat(Enumerable.Range(0, 1_000).Select(i => new string(' ', i * 2) + "- x\n")),
            _ => "Intro.\n\n" + string.Concat(Enumerable.Repeat("> - ", 5_000)) + "deep\n",
        };
        var r = BuildOne(dir, Valid.Replace("Body.\n", body));
        var e = Error(r, "nested about");
        Assert.Equal("body", e.Field);
        Assert.Equal(shape == "indented-lists" ? 58 : 9, e.Line);
    }

    [Theory]
    [InlineData("emphasis")]
    [InlineData("brackets")]
    [InlineData("html")]
    [InlineData("links")]
    public void Deep_inline_nesting_builds_or_is_a_located_error(string shape)
    {
        using var dir = new TempDir();
        var body = shape switch
        {
            "emphasis" => string.Concat(Enumerable.Repeat("*a ", 10_000)) + string.Concat(Enumerable.Repeat("b* ", 10_000)) + "\n",
            "brackets" => new string('[', 100_000) + "x" + new string(']', 100_000) + "\n",
            "html" => string.Concat(Enumerable.Repeat("<div>", 100_000)) + "x\n",
            _ => string.Concat(Enumerable.Repeat("[a ", 10_000)) + string.Concat(Enumerable.Repeat("](x) ", 10_000)) + "\n",
        };
        var watch = Stopwatch.StartNew();
        var r = BuildOne(dir, Valid.Replace("Body.\n", body));
        output.WriteLine($"{shape}: {watch.Elapsed.TotalSeconds:F1} s, {(r.Succeeded ? "built" : r.Diagnostics.First(d => d.IsError).ToString())}");
        if (!r.Succeeded) Assert.Contains(r.Diagnostics, d => d.IsError && d.Field == "body" && d.Line >= 7);
        if (shape == "html") Error(r, "raw HTML elements are open more than 256 levels deep");
        // Alone this takes seconds; the bound only catches a blow-up, with room for a CI machine shared with other builds.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(120), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_ten_megabyte_file_builds()
    {
        using var dir = new TempDir();
        var paragraph = "The replica fell behind while the primary kept writing WAL segments to a full disk. ";
        var body = new StringBuilder();
        while (body.Length < 10 * 1024 * 1024) body.Append(paragraph).Append(body.Length % 2000 < 90 ? "\n\n" : "");
        var watch = Stopwatch.StartNew();
        var r = BuildOne(dir, Valid.Replace("Body.\n", body.ToString()));
        output.WriteLine($"10 MB: {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(r.Succeeded, string.Join("\n", r.Diagnostics));
    }

    [Fact]
    public void A_hundred_thousand_lines_build()
    {
        using var dir = new TempDir();
        var body = string.Concat(Enumerable.Range(0, 100_000).Select(i => i % 10 == 0 ? "\n" : $"- line {i}\n"));
        var watch = Stopwatch.StartNew();
        var r = BuildOne(dir, Valid.Replace("Body.\n", body));
        output.WriteLine($"100,000 lines: {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(r.Succeeded, string.Join("\n", r.Diagnostics.Take(5)));
    }

    [Theory]
    [InlineData("---\n---\nBody\n", "the front matter is empty")]
    [InlineData("---\ntitle: x\n", "the front matter is not closed")]
    [InlineData("no front matter\n", "expected YAML front matter")]
    [InlineData("---\n- a\n- b\n---\n", "must be a map")]
    [InlineData("---\ntitle: [unclosed\n---\n", "YAML syntax error")]
    [InlineData("---\ntitle: \"unclosed\n---\n", "YAML syntax error")]
    [InlineData("---\ntitle: x\0y\ndate: 2024-01-01\nseverity: SEV1\nsummary: s\n---\n", "YAML")]
    [InlineData("---\n\t\ttitle: x\n---\n", "missing required field")]
    [InlineData("---\n? [a, b]\n: c\ntitle: t\n---\n", "missing required field")]
    [InlineData("---\n!!binary title: x\n---\n", "")]
    [InlineData("---\ntitle: !custom x\ndate: 2024-01-01\nseverity: SEV1\nsummary: s\n---\n", "")]
    [InlineData("---\n&a title: x\n*a : y\n---\n", "")]
    public void Broken_front_matter_is_reported_with_a_line(string text, string message)
    {
        using var dir = new TempDir();
        var r = BuildOne(dir, text);
        Assert.False(r.Succeeded && message.Length > 0, "expected an error: " + message);
        if (message.Length > 0) Error(r, message);
    }
}
