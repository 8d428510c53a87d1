using KnowledgeBase.Reading;
using Xunit;

namespace KnowledgeBase.Tests.Unit;

public sealed class FrontMatterSplitterTests
{
    [Fact]
    public void Splits_lf_front_matter_from_the_body_with_line_numbers()
    {
        var split = FrontMatterSplitter.Split("---\ntitle: T\ndate: 2024-03-14\n---\n# Heading\n\nText\n", out var error);

        Assert.Null(error);
        Assert.NotNull(split);
        Assert.Equal("title: T\ndate: 2024-03-14\n", split.Yaml);
        Assert.Equal(2, split.YamlLine);
        Assert.Equal("# Heading\n\nText\n", split.Body);
        Assert.Equal(5, split.BodyLine);
    }

    [Fact]
    public void Splits_crlf_front_matter_and_counts_lines_the_same_way()
    {
        var split = FrontMatterSplitter.Split("---\r\ntitle: T\r\ndate: 2024-03-14\r\n---\r\n# Heading\r\n", out var error);

        Assert.Null(error);
        Assert.NotNull(split);
        Assert.Equal("title: T\r\ndate: 2024-03-14\r\n", split.Yaml);
        Assert.Equal("# Heading\r\n", split.Body);
        Assert.Equal(5, split.BodyLine);
    }

    [Fact]
    public void Accepts_the_yaml_document_end_marker_as_closer()
    {
        var split = FrontMatterSplitter.Split("---\ntitle: T\n...\nBody\n", out var error);

        Assert.Null(error);
        Assert.NotNull(split);
        Assert.Equal("title: T\n", split.Yaml);
        Assert.Equal("Body\n", split.Body);
        Assert.Equal(4, split.BodyLine);
    }

    [Fact]
    public void Tolerates_trailing_whitespace_on_the_delimiters()
    {
        var split = FrontMatterSplitter.Split("---  \ntitle: T\n---\t\nBody", out var error);

        Assert.Null(error);
        Assert.NotNull(split);
        Assert.Equal("title: T\n", split.Yaml);
        Assert.Equal("Body", split.Body);
    }

    [Fact]
    public void Only_the_first_closing_line_ends_the_front_matter()
    {
        var split = FrontMatterSplitter.Split("---\na: 1\n---\nIntro\n\n---\n\nAfter a thematic break\n", out _);

        Assert.NotNull(split);
        Assert.Equal("a: 1\n", split.Yaml);
        Assert.Equal("Intro\n\n---\n\nAfter a thematic break\n", split.Body);
        Assert.Equal(4, split.BodyLine);
    }

    [Fact]
    public void A_file_ending_at_the_closer_has_an_empty_body()
    {
        var split = FrontMatterSplitter.Split("---\na: 1\n---", out var error);

        Assert.Null(error);
        Assert.NotNull(split);
        Assert.Equal("", split.Body);
        Assert.Equal(4, split.BodyLine);
    }

    [Fact]
    public void An_empty_front_matter_block_is_split_with_an_empty_yaml_text()
    {
        var split = FrontMatterSplitter.Split("---\n---\nBody\n", out var error);

        Assert.Null(error);
        Assert.NotNull(split);
        Assert.Equal("", split.Yaml);
        Assert.Equal(3, split.BodyLine);
    }

    [Theory]
    [InlineData("title: T\n---\nBody\n")]
    [InlineData("\n---\ntitle: T\n---\n")]
    [InlineData("----\ntitle: T\n----\n")]
    [InlineData("# Just markdown\n")]
    [InlineData("")]
    public void Missing_opening_line_is_reported(string text)
    {
        var split = FrontMatterSplitter.Split(text, out var error);

        Assert.Null(split);
        Assert.NotNull(error);
        Assert.Contains("must start with a line '---'", error);
    }

    [Theory]
    [InlineData("---\ntitle: T\n\n# Body without closer\n")]
    [InlineData("---\r\ntitle: T\r\n")]
    [InlineData("---")]
    public void Missing_closing_line_is_reported(string text)
    {
        var split = FrontMatterSplitter.Split(text, out var error);

        Assert.Null(split);
        Assert.NotNull(error);
        Assert.Contains("not closed", error);
    }
}
