using System.Text;
using KnowledgeBase.Model;
using KnowledgeBase.Reading;
using Xunit;

namespace KnowledgeBase.Tests.Unit;

public sealed class InputScannerTests
{
    [Fact]
    public void Finds_markdown_at_any_depth_in_ordinal_order_and_nothing_else()
    {
        using var dir = new UnitTempDir();
        var input = dir.Combine("input");
        dir.Write("input/postmortems/a.md", "a");
        dir.Write("input/postmortems/B.md", "b");
        dir.Write("input/postmortems/2024/z.md", "z");
        dir.Write("input/postmortems/2023/deep/er/y.md", "y");
        dir.Write("input/postmortems/UPPER.MD", "upper");
        dir.Write("input/postmortems/notes.txt", "not markdown");
        dir.Write("input/postmortems/2024/image.png", "png");
        dir.Write("input/other.md", "outside postmortems/");

        var found = InputScanner.FindPostmortems(input).Select(p => InputScanner.RelativePath(input, p)).ToList();

        Assert.Equal(
        [
            "postmortems/2023/deep/er/y.md",
            "postmortems/2024/z.md",
            "postmortems/B.md",
            "postmortems/UPPER.MD",
            "postmortems/a.md",
        ], found);
    }

    [Fact]
    public void No_postmortems_folder_means_no_files()
    {
        using var dir = new UnitTempDir();
        dir.Write("input/site.yml", "title: x\n");

        Assert.Empty(InputScanner.FindPostmortems(dir.Combine("input")));
    }

    [Fact]
    public void Symlinked_files_and_folders_are_not_followed()
    {
        using var dir = new UnitTempDir();
        var input = dir.Combine("input");
        dir.Write("input/postmortems/real.md", "real");
        var secretFile = dir.Write("elsewhere/secret.md", "secret");
        dir.Write("elsewhere/folder/inner.md", "inner");
        File.CreateSymbolicLink(dir.Combine("input", "postmortems", "linked.md"), secretFile);
        Directory.CreateSymbolicLink(dir.Combine("input", "postmortems", "linked-dir"), dir.Combine("elsewhere", "folder"));
        // A link to a file inside the tree is a link too.
        File.CreateSymbolicLink(dir.Combine("input", "postmortems", "alias.md"), dir.Combine("input", "postmortems", "real.md"));

        var found = InputScanner.FindPostmortems(input).Select(p => InputScanner.RelativePath(input, p)).ToList();

        Assert.Equal(["postmortems/real.md"], found);
    }

    [Fact]
    public void Read_strips_the_utf8_bom_and_gives_a_forward_slash_relative_path()
    {
        using var dir = new UnitTempDir();
        var input = dir.Combine("input");
        var path = dir.WriteBytes("input/postmortems/2024/a.md", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("---\ntitle: Ёлка\n---\n")]);
        var diagnostics = new List<Diagnostic>();

        var source = InputScanner.Read(input, path, diagnostics);

        Assert.Empty(diagnostics);
        Assert.NotNull(source);
        Assert.Equal("---\ntitle: Ёлка\n---\n", source.Text);
        Assert.Equal("postmortems/2024/a.md", source.RelativePath);
        Assert.Equal(path, source.FullPath);
    }

    [Fact]
    public void Invalid_utf8_is_an_error_naming_byte_offset_line_and_column()
    {
        using var dir = new UnitTempDir();
        var input = dir.Combine("input");
        // "---\n" = bytes 0-3, "title: caf" = bytes 4-13, the Latin-1 'é' (0xE9) is byte 14.
        var path = dir.WriteBytes("input/postmortems/latin1.md", [.. Encoding.ASCII.GetBytes("---\ntitle: caf"), 0xE9, .. Encoding.ASCII.GetBytes("\n---\n")]);
        var diagnostics = new List<Diagnostic>();

        var source = InputScanner.Read(input, path, diagnostics);

        Assert.Null(source);
        var d = Assert.Single(diagnostics);
        DiagnosticAssert.At(d, DiagnosticLevel.Error, "postmortems/latin1.md", 2, 11, "");
        Assert.Contains("not valid UTF-8", d.Message);
        Assert.Contains("0xE9", d.Message);
        Assert.Contains("byte offset 14", d.Message);
    }

    [Fact]
    public void Invalid_utf8_column_counts_characters_not_bytes()
    {
        using var dir = new UnitTempDir();
        var input = dir.Combine("input");
        // Line 3 is "title: ёж" + 0xFF: seven ASCII characters and two 2-byte letters, so the bad byte is column 10.
        byte[] bytes = [.. Encoding.UTF8.GetBytes("---\nid: x\ntitle: ёж"), 0xFF, .. Encoding.UTF8.GetBytes("\n---\n")];
        var path = dir.WriteBytes("input/postmortems/x.md", bytes);
        var diagnostics = new List<Diagnostic>();

        Assert.Null(InputScanner.Read(input, path, diagnostics));

        var d = Assert.Single(diagnostics);
        Assert.Equal((3, 10), (d.Line, d.Column));
        Assert.Contains("0xFF", d.Message);
        Assert.Contains($"byte offset {Encoding.UTF8.GetByteCount("---\nid: x\ntitle: ёж")}", d.Message);
    }

    [Fact]
    public void Invalid_utf8_after_a_bom_counts_the_offset_in_the_file()
    {
        using var dir = new UnitTempDir();
        var input = dir.Combine("input");
        // BOM (3 bytes) + "---\n" (4) + "ab" (2): the bad byte is at file offset 9, line 2, column 3.
        var path = dir.WriteBytes("input/postmortems/bom.md", [0xEF, 0xBB, 0xBF, .. Encoding.ASCII.GetBytes("---\nab"), 0xC3, 0x28, .. Encoding.ASCII.GetBytes("\n---\n")]);
        var diagnostics = new List<Diagnostic>();

        Assert.Null(InputScanner.Read(input, path, diagnostics));

        var d = Assert.Single(diagnostics);
        Assert.Equal((2, 3), (d.Line, d.Column));
        Assert.Contains("byte offset 9", d.Message);
        Assert.Contains("0xC3", d.Message);
    }

    [Fact]
    public void Invalid_utf8_on_the_first_line_after_a_bom_does_not_count_the_bom_as_a_column()
    {
        using var dir = new UnitTempDir();
        var input = dir.Combine("input");
        var path = dir.WriteBytes("input/postmortems/bom1.md", [0xEF, 0xBB, 0xBF, .. Encoding.ASCII.GetBytes("caf"), 0xE9, (byte)'\n']);
        var diagnostics = new List<Diagnostic>();

        Assert.Null(InputScanner.Read(input, path, diagnostics));

        var d = Assert.Single(diagnostics);
        Assert.Equal((1, 4), (d.Line, d.Column));
        Assert.Contains("byte offset 6", d.Message);
    }

    [Fact]
    public void Invalid_utf8_far_into_a_large_file_is_located_exactly()
    {
        using var dir = new UnitTempDir();
        var input = dir.Combine("input");
        // 300 lines of 99 characters + '\n' = 30,000 bytes, then "xy" and the bad byte at offset 30,002.
        var sb = new StringBuilder();
        for (var i = 0; i < 300; i++) sb.Append('a', 99).Append('\n');
        sb.Append("xy");
        var path = dir.WriteBytes("input/postmortems/big.md", [.. Encoding.ASCII.GetBytes(sb.ToString()), 0x80, (byte)'\n']);
        var diagnostics = new List<Diagnostic>();

        Assert.Null(InputScanner.Read(input, path, diagnostics));

        var d = Assert.Single(diagnostics);
        Assert.Equal((301, 3), (d.Line, d.Column));
        Assert.Contains("byte offset 30002", d.Message);
        Assert.Contains("0x80", d.Message);
    }
}
