using System.Buffers;
using System.Text;
using KnowledgeBase.Output;
using Xunit;

namespace KnowledgeBase.Tests.Unit;

/// <summary>Pages are encoded by Utf8BufferTextWriter instead of a StreamWriter: the bytes must be the same.</summary>
public sealed class Utf8BufferTextWriterTests
{
    private static byte[] ViaStreamWriter(Action<TextWriter> write)
    {
        using var memory = new MemoryStream();
        using (var writer = new StreamWriter(memory, new UTF8Encoding(false), 1024, leaveOpen: true)) write(writer);
        return memory.ToArray();
    }

    private static byte[] ViaBufferWriter(Action<TextWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8BufferTextWriter(buffer)) write(writer);
        return buffer.WrittenSpan.ToArray();
    }

    public static TheoryData<string> Texts => new()
    {
        "",
        "plain ASCII <b>&amp;</b>",
        "Кириллица, accents éàü, CJK 漢字, emoji 🔥👩‍💻",
        new string('я', 10_000) + "🔥" + new string('x', 5_000),
        "lone high \ud83d then text",
        "lone low \udd25 then text",
        "ends with a high surrogate \ud83d",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Writes_the_same_bytes_as_a_StreamWriter_whole_and_char_by_char(string text)
    {
        Assert.Equal(ViaStreamWriter(w => w.Write(text)), ViaBufferWriter(w => w.Write(text)));
        Assert.Equal(ViaStreamWriter(w => { foreach (var c in text) w.Write(c); }), ViaBufferWriter(w => { foreach (var c in text) w.Write(c); }));
    }

    [Fact]
    public void Joins_a_surrogate_pair_split_across_async_writes()
    {
        var expected = Encoding.UTF8.GetBytes("a🔥b");
        var actual = ViaBufferWriter(w =>
        {
            w.WriteAsync("a\ud83d").GetAwaiter().GetResult();
            w.WriteAsync("\udd25".AsMemory()).GetAwaiter().GetResult();
            w.WriteAsync('b').GetAwaiter().GetResult();
        });
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Async_overloads_complete_synchronously()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8BufferTextWriter(buffer);
        Assert.True(writer.WriteAsync("x").IsCompletedSuccessfully);
        Assert.True(writer.WriteAsync("y".AsMemory()).IsCompletedSuccessfully);
        Assert.True(writer.WriteAsync(['z'], 0, 1).IsCompletedSuccessfully);
        Assert.True(writer.FlushAsync().IsCompletedSuccessfully);
        Assert.Equal("xyz"u8.ToArray(), buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void A_flush_ends_a_dangling_high_surrogate_like_a_StreamWriter()
    {
        Assert.Equal(ViaStreamWriter(w => { w.Write("x\ud83d"); w.Flush(); w.Write("\udd25"); }),
            ViaBufferWriter(w => { w.Write("x\ud83d"); w.Flush(); w.Write("\udd25"); }));
    }

    [Fact]
    public void Writing_after_dispose_still_lands_in_the_output()
    {
        // Fluid may close the writer it renders into; the layout's second half is written after that.
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new Utf8BufferTextWriter(buffer);
        writer.Write("<main>Привет");
        writer.Dispose();
        writer.Write("</main>");
        writer.Dispose();
        Assert.Equal("<main>Привет</main>", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
