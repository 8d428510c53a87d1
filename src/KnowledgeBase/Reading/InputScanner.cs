using System.Text;
using KnowledgeBase.Model;

namespace KnowledgeBase.Reading;

/// <summary>Finds and reads every post-mortem under <c>input/postmortems/</c>.</summary>
public static class InputScanner
{
    public const string PostmortemsFolder = "postmortems";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Lists Markdown files in a stable (ordinal) order so builds are reproducible.</summary>
    public static IReadOnlyList<string> FindPostmortems(string inputDir) => FindPostmortems(inputDir, null);

    /// <summary>As <see cref="FindPostmortems(string)"/>; a <c>postmortems</c> folder that is itself a link is reported, not followed.</summary>
    public static IReadOnlyList<string> FindPostmortems(string inputDir, ICollection<Diagnostic>? diagnostics)
    {
        var root = Path.Combine(inputDir, PostmortemsFolder);
        if (!Directory.Exists(root)) return [];
        if (IsLink(root))
        {
            diagnostics?.Add(new Diagnostic(DiagnosticLevel.Error, PostmortemsFolder + "/", 0, 0, "",
                "the postmortems folder is a symbolic link; kb does not follow links inside the input folder (they can point anywhere): make it a real folder"));
            return [];
        }
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            // Links inside the input that point elsewhere are not followed.
            AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Hidden,
            MatchCasing = MatchCasing.CaseInsensitive,
        };
        var files = Directory.EnumerateFiles(root, "*.md", options).ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>A symbolic link (or other reparse point) rather than a real file or folder.</summary>
    public static bool IsLink(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is not null || ((int)info.Attributes != -1 && info.Attributes.HasFlag(FileAttributes.ReparsePoint));
    }

    public static string RelativePath(string inputDir, string fullPath) =>
        Path.GetRelativePath(inputDir, fullPath).Replace('\\', '/');

    /// <summary>Reads a file as strict UTF-8; invalid bytes become a located diagnostic instead of mojibake.</summary>
    public static SourceFile? Read(string inputDir, string fullPath, ICollection<Diagnostic> diagnostics)
    {
        var relative = RelativePath(inputDir, fullPath);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (IOException e)
        {
            diagnostics.Add(new Diagnostic(DiagnosticLevel.Error, relative, 0, 0, "", $"cannot read the file: {e.Message}"));
            return null;
        }
        catch (UnauthorizedAccessException e)
        {
            diagnostics.Add(new Diagnostic(DiagnosticLevel.Error, relative, 0, 0, "", $"cannot read the file: {e.Message}"));
            return null;
        }

        var span = bytes.AsSpan();
        if (span.StartsWith(Encoding.UTF8.Preamble)) span = span[3..];
        try
        {
            return new SourceFile(fullPath, relative, StrictUtf8.GetString(span));
        }
        catch (DecoderFallbackException e)
        {
            var offset = e.Index >= 0 ? e.Index + (bytes.Length - span.Length) : 0;
            var (line, column) = LineAndColumnOfByte(bytes, bytes.Length - span.Length, offset);
            diagnostics.Add(new Diagnostic(DiagnosticLevel.Error, relative, line, column, "",
                $"the file is not valid UTF-8 (invalid byte 0x{bytes[Math.Min(offset, bytes.Length - 1)]:X2} at byte offset {offset}); save it as UTF-8"));
            return null;
        }
    }

    /// <param name="start">Where the text starts (after a BOM, which is not a column).</param>
    private static (int Line, int Column) LineAndColumnOfByte(byte[] bytes, int start, int offset)
    {
        int line = 1, column = 1;
        for (var i = start; i < offset && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n') { line++; column = 1; }
            else if ((bytes[i] & 0xC0) != 0x80) column++;
        }
        return (line, column);
    }
}
