using System.Text;
using KnowledgeBase.Model;
using Xunit;

namespace KnowledgeBase.Tests.Unit;

/// <summary>Bodies are kept as <see cref="Utf8Text"/>: reading one back must give exactly the chars it was made from.</summary>
public sealed class Utf8TextTests
{
    public static TheoryData<string> Texts => new()
    {
        "",
        "plain ASCII <b>&amp;</b>\n",
        "Кириллица, accents éàü, CJK 漢字, emoji 🔥👩‍💻",
        new string('я', 10_000) + "🔥" + new string('x', 5_000),
        // Lone surrogates: UTF-8 cannot carry them (they would come back as U+FFFD), so these stay strings.
        "before \uD800 after",
        "trailing high \uD83D",
        "\uDC00 leading low",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Gives_back_the_same_chars(string text)
    {
        var kept = Utf8Text.From(text);
        Assert.Equal(text, kept.ToString(), StringComparer.Ordinal);
        Assert.Equal(text.Length == 0, kept.IsEmpty);
    }

    [Fact]
    public void Implicit_conversion_keeps_the_text()
    {
        Utf8Text kept = "Ursachenanalyse – Grundursache";
        Assert.Equal("Ursachenanalyse – Grundursache", kept.ToString());
    }

    [Fact]
    public void Each_read_is_a_new_string_so_the_model_keeps_only_bytes()
    {
        var kept = Utf8Text.From("some body text");
        Assert.NotSame(kept.ToString(), kept.ToString());
    }
}
