using KnowledgeBase.Aggregation;
using Xunit;

namespace KnowledgeBase.Tests.Unit;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Certificates", "certificates")]
    [InlineData("certificates", "certificates")]
    [InlineData("CERTIFICATES", "certificates")]
    [InlineData("база данных", "база-данных")]
    [InlineData("База Данных", "база-данных")]
    [InlineData("Base de données", "base-de-données")]
    [InlineData("Größe", "größe")]
    [InlineData("  --Hello,   World!!  ", "hello-world")]
    [InlineData("CI/CD", "ci-cd")]
    [InlineData("snake_case tag", "snake-case-tag")]
    [InlineData("node.js", "node-js")]
    [InlineData("2024", "2024")]
    [InlineData("SEV1", "sev1")]
    [InlineData("a -- b", "a-b")]
    public void Keeps_letters_lower_cases_and_collapses_everything_else(string text, string slug)
    {
        Assert.Equal(slug, Slug.From(text));
    }

    [Fact]
    public void Case_variants_share_one_slug()
    {
        Assert.Equal(Slug.From("Certificates"), Slug.From("certificates"));
        Assert.Equal(Slug.From("База данных"), Slug.From("база данных"));
    }

    [Fact]
    public void Decomposed_and_composed_accents_give_the_same_slug()
    {
        Assert.Equal(Slug.From("donn\u00e9es"), Slug.From("donne\u0301es"));
        Assert.Equal("donn\u00e9es", Slug.From("donne\u0301es"));
    }

    [Theory]
    [InlineData("!!!")]
    [InlineData("🔥")]
    [InlineData("—")]
    [InlineData("+++ ---")]
    public void Text_without_letters_or_digits_gets_a_stable_url_safe_slug(string text)
    {
        var slug = Slug.From(text);

        Assert.NotEmpty(slug);
        Assert.Equal(slug, Slug.From(text));
        Assert.Matches("^[a-z0-9][a-z0-9-]*$", slug);
    }

    [Theory]
    [InlineData("🔥", "🚀")]
    [InlineData("—", "→")]
    [InlineData("!!!", "!!")]
    [InlineData("!!!!!!!!!!", "!!!!!!!!!!!")]
    [InlineData("★★★★★★★★", "★★★★★★★☆")]
    public void Different_symbol_only_texts_get_different_slugs(string a, string b)
    {
        Assert.NotEqual(Slug.From(a), Slug.From(b));
    }

    [Fact]
    public void Escape_percent_encodes_cyrillic_and_keeps_ascii()
    {
        Assert.Equal("%D0%B1%D0%B0%D0%B7%D0%B0-%D0%B4%D0%B0%D0%BD%D0%BD%D1%8B%D1%85", Slug.Escape("база-данных"));
        Assert.Equal("base-de-donn%C3%A9es", Slug.Escape("base-de-données"));
        Assert.Equal("certificates", Slug.Escape("certificates"));
    }
}
