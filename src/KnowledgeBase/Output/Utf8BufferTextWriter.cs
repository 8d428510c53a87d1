using System.Buffers;
using System.Globalization;
using System.Text;

namespace KnowledgeBase.Output;

/// <summary>
/// A <see cref="TextWriter"/> that encodes UTF-8 (no BOM) straight into a buffer writer, synchronously. Fluid writes
/// every value through the async overloads; a <see cref="StreamWriter"/> answers them with async state machines
/// and copies its own char and byte buffers into the stream, which cost more than the template itself. Same bytes
/// as a StreamWriter with <c>new UTF8Encoding(false)</c>: lone surrogates become U+FFFD, a high surrogate split
/// across two writes is joined by the one encoder.
/// </summary>
public sealed class Utf8BufferTextWriter(IBufferWriter<byte> output) : TextWriter(CultureInfo.InvariantCulture)
{
    private static readonly UTF8Encoding Utf8 = new(false);
    // Enough room for a chunk of chars at 3 bytes each; large strings are encoded in several chunks.
    private const int ChunkChars = 4096;
    private readonly Encoder _encoder = Utf8.GetEncoder();

    public override Encoding Encoding => Utf8;

    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(char[]? buffer) => Write(buffer.AsSpan());

    public override void Write(ReadOnlySpan<char> chars)
    {
        while (!chars.IsEmpty)
        {
            var take = Math.Min(chars.Length, ChunkChars);
            // 3 bytes per char, plus 3 for a high surrogate held back from the previous write.
            var span = output.GetSpan(take * 3 + 3);
            _encoder.Convert(chars[..take], span, flush: false, out var used, out var written, out _);
            output.Advance(written);
            chars = chars[used..];
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

    /// <summary>Like a StreamWriter's flush, ends a dangling high surrogate (as U+FFFD); nothing else is buffered.</summary>
    public override void Flush()
    {
        var span = output.GetSpan(8);
        _encoder.Convert([], span, flush: true, out _, out var written, out _);
        output.Advance(written);
    }

    public override Task FlushAsync()
    {
        Flush();
        return Task.CompletedTask;
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => FlushAsync();

    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }
}
