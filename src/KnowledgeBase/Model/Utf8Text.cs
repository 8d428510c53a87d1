using System.Buffers;
using System.Text;

namespace KnowledgeBase.Model;

/// <summary>
/// A long text kept as UTF-8 bytes rather than a .NET string (UTF-16, two bytes per char). The site model holds every
/// post-mortem's rendered HTML and plain text until the pages and the search index are done; post-mortems are mostly
/// ASCII, so this about halves them (issue 6, at 10,000 post-mortems: 191 MiB as strings, 108 MiB as UTF-8).
/// Readers decode a copy when they need one (a page, a search document), which is garbage again right after.
/// A text UTF-8 cannot carry exactly (a lone surrogate) is kept as the string: <see cref="ToString"/> always gives
/// back the very chars it was made from.
/// </summary>
public sealed class Utf8Text
{
    public static Utf8Text Empty { get; } = new([], null);

    private readonly byte[] _utf8;
    // Only for a text with a lone surrogate, which UTF-8 would turn into U+FFFD.
    private readonly string? _text;

    private Utf8Text(byte[] utf8, string? text) => (_utf8, _text) = (utf8, text);

    public static Utf8Text From(string text)
    {
        if (text.Length == 0) return Empty;
        // GetByteCount counts a lone surrogate as U+FFFD (3 bytes), so the buffer is never too small.
        var bytes = new byte[Encoding.UTF8.GetByteCount(text)];
        var status = System.Text.Unicode.Utf8.FromUtf16(text, bytes, out _, out var written, replaceInvalidSequences: false);
        return status == OperationStatus.Done && written == bytes.Length ? new Utf8Text(bytes, null) : new Utf8Text([], text);
    }

    /// <summary>Strings convert implicitly, so callers and tests that build a body from text need no ceremony.</summary>
    public static implicit operator Utf8Text(string text) => From(text);

    /// <summary>True for the empty text.</summary>
    public bool IsEmpty => _text is null && _utf8.Length == 0;

    /// <summary>The text as a new string (decoded on every call: take it once per use).</summary>
    public override string ToString() => _text ?? Encoding.UTF8.GetString(_utf8);
}
