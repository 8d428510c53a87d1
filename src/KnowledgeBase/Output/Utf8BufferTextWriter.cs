using System.Buffers;
using System.Globalization;
using System.Text;

namespace KnowledgeBase.Output;

/// <summary>
/// A <see cref="TextWriter"/> that encodes UTF-8 (no BOM) straight into a buffer writer, synchronously. Fluid writes
/// every value through the async overloads; a <see cref="StreamWriter"/> answers them with async state machines
/// and a byte buffer of its own that is then copied into the stream. Here chars are gathered in one buffer (most
/// writes are a few chars) and encoded in large chunks straight into the output. Same bytes as a StreamWriter with
/// <c>new UTF8Encoding(false)</c>: lone surrogates become U+FFFD, a surrogate pair split across writes is joined.
/// </summary>
public sealed class Utf8BufferTextWriter(IBufferWriter<byte> output) : TextWriter(CultureInfo.InvariantCulture)
{
    private static readonly UTF8Encoding Utf8 = new(false);
    private const int BufferChars = 8192;
    private readonly Encoder _encoder = Utf8.GetEncoder();
    // Rented (one writer per page, 10,000 pages) and returned on dispose; rented again if written after that.
    private char[]? _chars;
    private int _count;

    public override Encoding Encoding => Utf8;

    public override void Write(char value)
    {
        if (_count == BufferChars) Encode(flush: false);
        Chars[_count++] = value;
    }

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(char[]? buffer) => Write(buffer.AsSpan());

    public override void Write(ReadOnlySpan<char> chars)
    {
        while (!chars.IsEmpty)
        {
            if (_count == BufferChars) Encode(flush: false);
            var take = Math.Min(chars.Length, BufferChars - _count);
            chars[..take].CopyTo(Chars.AsSpan(_count));
            _count += take;
            chars = chars[take..];
        }
    }

    public override void WriteLine(ReadOnlySpan<char> chars)
    {
        Write(chars);
        Write(CoreNewLine);
    }

    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char[] buffer, int index, int count)
    {
        Write(buffer, index, count);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value.AsSpan());
        return Task.CompletedTask;
    }

    /// <summary>Encodes what is buffered; like a StreamWriter's flush, ends a dangling high surrogate (as U+FFFD).</summary>
    public override void Flush() => Encode(flush: true);

    public override Task FlushAsync()
    {
        Flush();
        return Task.CompletedTask;
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => FlushAsync();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _chars is { } chars)
        {
            Flush();
            _chars = null;
            ArrayPool<char>.Shared.Return(chars);
        }
        base.Dispose(disposing);
    }

    private char[] Chars => _chars ??= ArrayPool<char>.Shared.Rent(BufferChars);

    private void Encode(bool flush)
    {
        // 3 bytes per char at most, plus 3 for a high surrogate held back from the previous chunk.
        var bytes = output.GetSpan(_count * 3 + 3);
        _encoder.Convert(Chars.AsSpan(0, _count), bytes, flush, out _, out var written, out _);
        output.Advance(written);
        _count = 0;
    }
}
