using KnowledgeBase.Aggregation;
using KnowledgeBase.Markdown;
using KnowledgeBase.Model;
using Xunit;

namespace KnowledgeBase.Tests.Unit;

public sealed class LessonExtractionTests
{
    private static readonly Markdig.MarkdownPipeline Pipeline = MarkdownPipelineFactory.Create();

    private static IReadOnlyList<string> Extract(string body) =>
        LessonExtractor.FromBody(Markdig.Markdown.Parse(body, Pipeline));

    private static RenderedBody Render(string body, string lang = "en")
    {
        var markdown = new PostmortemMarkdown(Pipeline,
            new BodyLinkResolver(new Dictionary<string, string>(), new HashSet<string>(), "/"));
        var diagnostics = new List<Diagnostic>();
        var rendered = markdown.Render(Pm.Incident("x") with { Body = body, Language = lang }, diagnostics);
        Assert.Empty(diagnostics);
        return rendered;
    }

    [Theory]
    [InlineData("Lessons learned")]
    [InlineData("Lessons Learned")]
    [InlineData("6. Lessons learned:")]
    [InlineData("Извлечённые уроки")]
    [InlineData("Извлеченные уроки")]
    [InlineData("Уроки")]
    [InlineData("Leçons apprises")]
    [InlineData("Erkenntnisse")]
    [InlineData("**Lessons learned**")]
    public void Takes_the_list_under_the_lessons_heading_in_every_language(string heading)
    {
        var body = $"""
            ## Summary

            - not a lesson

            ## {heading}

            - First lesson
            - Second *lesson* with `code`

            ## Action items

            - not a lesson either

            """;

        Assert.Equal(["First lesson", "Second lesson with code"], Render(body).Lessons);
    }

    [Fact]
    public void Russian_lessons_keep_their_text()
    {
        var body = "## Извлечённые уроки\n\n1. Ротация журналов должна быть автоматической.\n2. Алерт на 80% диска.\n";

        Assert.Equal(["Ротация журналов должна быть автоматической.", "Алерт на 80% диска."], Render(body, "ru").Lessons);
    }

    [Fact]
    public void French_and_german_lessons_are_found()
    {
        Assert.Equal(["Tester la configuration du cache."],
            Extract("# Titre\n\n## Leçons apprises\n\n- Tester la configuration du cache.\n"));
        Assert.Equal(["Zertifikate automatisch erneuern."],
            Extract("## Was gut lief\n\nText.\n\n## Erkenntnisse\n\n* Zertifikate automatisch erneuern.\n"));
    }

    [Fact]
    public void Stops_at_the_next_heading_of_the_same_level_but_not_at_a_subheading()
    {
        var body = "## Lessons learned\n\n- One\n\n### Technical\n\n- Two\n\n## Action items\n\n- Three\n";

        Assert.Equal(["One", "Two"], Extract(body));
    }

    [Fact]
    public void Stops_at_a_higher_level_heading()
    {
        var body = "### Lessons\n\n- One\n\n## Next chapter\n\n- Two\n";

        Assert.Equal(["One"], Extract(body));
    }

    [Fact]
    public void Nested_lists_are_details_of_their_lesson_not_separate_lessons()
    {
        var body = "## Lessons learned\n\n- Monitor disks\n  - WAL volume\n  - data volume\n- Rotate logs\n";

        Assert.Equal(["Monitor disks", "Rotate logs"], Extract(body));
    }

    [Fact]
    public void A_multi_paragraph_item_is_one_lesson()
    {
        var body = "## Lessons learned\n\n- First paragraph.\n\n  Second paragraph.\n- Next\n";

        Assert.Equal(["First paragraph. Second paragraph.", "Next"], Extract(body));
    }

    [Fact]
    public void Paragraphs_under_the_heading_are_not_lessons()
    {
        Assert.Equal(["Only this"], Extract("## Lessons learned\n\nWe learned a lot.\n\n- Only this\n"));
    }

    [Theory]
    [InlineData("## Summary\n\n- A list\n")]
    [InlineData("")]
    [InlineData("## Lessons learned and more\n\n- Not recognised\n")]
    [InlineData("Lessons learned\n\n- No heading, just a paragraph\n")]
    public void Without_a_lessons_heading_there_are_no_lessons(string body)
    {
        Assert.Empty(Extract(body));
    }

    [Fact]
    public void Only_the_first_lessons_heading_counts()
    {
        Assert.Equal(["A"], Extract("## Lessons\n\n- A\n\n## Lessons learned\n\n- B\n"));
    }

    [Fact]
    public void Front_matter_lessons_take_precedence_over_the_body()
    {
        var body = Render("## Lessons learned\n\n- From the body\n");
        var withFrontMatter = new RenderedIncident(Pm.Incident("x") with { Lessons = ["From front matter"] }, body);
        var withoutFrontMatter = new RenderedIncident(Pm.Incident("x"), body);

        Assert.Equal(["From front matter"], withFrontMatter.Lessons);
        Assert.Equal(["From the body"], withoutFrontMatter.Lessons);
    }

    [Fact]
    public void Lessons_read_from_a_file_replace_the_body_lessons()
    {
        var incident = Pm.ReadValid(Pm.Doc("lessons:\n  - Written in YAML\n", "## Lessons learned\n\n- Written in Markdown\n"));
        var rendered = new RenderedIncident(incident, Render(incident.Body));

        Assert.Equal(["Written in YAML"], rendered.Lessons);
    }

    [Theory]
    [InlineData("6. Lessons learned:", "lessons learned")]
    [InlineData("  Leçons Apprises  ", "leçons apprises")]
    [InlineData("3) Уроки.", "уроки")]
    [InlineData("Retours d’expérience", "retours d'expérience")]
    public void Heading_normalisation(string text, string normalized)
    {
        Assert.Equal(normalized, LessonHeadings.Normalize(text));
    }
}
