using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace KnowledgeBase.Search;

/// <summary>
/// Writes JSON straight to UTF-8 bytes, formatted as <c>JSON.stringify</c> prints it (string escaping, numbers), in
/// a buffer rented from the shared pool: an index file costs one exact-size array (<see cref="ToArray"/>) instead
/// of a StringBuilder, its string and the string's UTF-8 copy. Not thread-safe; dispose to return the buffer.
/// </summary>
internal sealed class JsonBytes : IDisposable
{
    private byte[] buffer;
    private int length;

    public JsonBytes(int capacity = 4096) => buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256));

    public int Length => length;

    public ReadOnlySpan<byte> WrittenSpan => buffer.AsSpan(0, length);

    /// <summary>ASCII text given as UTF-8 literal bytes (<c>"…"u8</c>).</summary>
    public JsonBytes Raw(ReadOnlySpan<byte> utf8)
    {
        utf8.CopyTo(Reserve(utf8.Length));
        length += utf8.Length;
        return this;
    }

    public JsonBytes Raw(byte b)
    {
        Reserve(1)[0] = b;
        length++;
        return this;
    }

    public JsonBytes Int(long value)
    {
        Utf8Formatter.TryFormat(value, Reserve(20), out var written);
        length += written;
        return this;
    }

    /// <summary>A number as JavaScript prints it (shortest round-trip; index scores never need an exponent).</summary>
    public JsonBytes Number(double value)
    {
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15) return Int((long)value);
        value.TryFormat(Reserve(32), out var written, "R", CultureInfo.InvariantCulture);
        length += written;
        return this;
    }

    /// <summary>A string as <c>JSON.stringify</c> writes it: quotes, backslashes and controls escaped, lone surrogates as <c>\uXXXX</c>.</summary>
    public JsonBytes String(string s)
    {
        Raw((byte)'"');
        Escaped(s);
        return Raw((byte)'"');
    }

    /// <summary>The string <paramref name="a"/> + <paramref name="separator"/> + <paramref name="b"/>, without building it.</summary>
    public JsonBytes String(string a, char separator, string b)
    {
        Raw((byte)'"');
        Escaped(a);
        Escaped([separator]);
        Escaped(b);
        return Raw((byte)'"');
    }

    private void Escaped(ReadOnlySpan<char> s)
    {
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c >= ' ' && c != '"' && c != '\\' && !char.IsSurrogate(c)) continue;
            // A valid surrogate pair is copied as is (UTF-8 encodes it as one code point); a lone one is escaped.
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
                continue;
            }

            Text(s[start..i]);
            ReadOnlySpan<byte> esc = c switch
            {
                '"' => "\\\""u8,
                '\\' => "\\\\"u8,
                '\b' => "\\b"u8,
                '\f' => "\\f"u8,
                '\n' => "\\n"u8,
                '\r' => "\\r"u8,
                '\t' => "\\t"u8,
                _ => default,
            };
            if (esc.IsEmpty)
            {
                Raw("\\u"u8);
                ((int)c).TryFormat(Reserve(4), out var hex, "x4", CultureInfo.InvariantCulture);
                length += hex;
            }
            else
            {
                Raw(esc);
            }

            start = i + 1;
        }

        Text(s[start..]);
    }

    /// <summary>The bytes written, in an array of their own.</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    public void Dispose()
    {
        if (buffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }

    private void Text(ReadOnlySpan<char> chars)
    {
        if (chars.IsEmpty) return;
        var written = Encoding.UTF8.GetBytes(chars, Reserve(Encoding.UTF8.GetMaxByteCount(chars.Length)));
        length += written;
    }

    private Span<byte> Reserve(int count)
    {
        if (buffer.Length - length < count)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + count));
            buffer.AsSpan(0, length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = bigger;
        }

        return buffer.AsSpan(length);
    }
}
