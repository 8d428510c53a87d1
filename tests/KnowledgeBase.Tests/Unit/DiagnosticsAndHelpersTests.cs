using KnowledgeBase.Model;
using KnowledgeBase.Reading;
using Xunit;

namespace KnowledgeBase.Tests.Unit;

public sealed class DiagnosticsAndHelpersTests
{
    [Fact]
    public void A_diagnostic_prints_file_line_column_field_and_message()
    {
        Assert.Equal("postmortems/a.md:4:11: error [severity]: expected one of SEV1",
            new Diagnostic(DiagnosticLevel.Error, "postmortems/a.md", 4, 11, "severity", "expected one of SEV1").ToString());
        Assert.Equal("site.yml:2: warning: w",
            new Diagnostic(DiagnosticLevel.Warning, "site.yml", 2, 0, "", "w").ToString());
        Assert.Equal("postmortems/b.md: error: cannot read",
            new Diagnostic(DiagnosticLevel.Error, "postmortems/b.md", 0, 0, "", "cannot read").ToString());
    }

    [Fact]
    public void The_bag_sorts_by_file_line_and_column_and_knows_about_errors()
    {
        var bag = new DiagnosticBag
        {
            new(DiagnosticLevel.Warning, "b.md", 1, 1, "", "w"),
            new(DiagnosticLevel.Warning, "a.md", 10, 2, "", "w"),
            new(DiagnosticLevel.Warning, "a.md", 9, 5, "", "w"),
            new(DiagnosticLevel.Warning, "a.md", 9, 3, "", "w"),
        };
        Assert.False(bag.HasErrors);
        bag.Add(new(DiagnosticLevel.Error, "B.md", 1, 1, "", "e"));

        Assert.True(bag.HasErrors);
        Assert.Equal(["B.md:1:1", "a.md:9:3", "a.md:9:5", "a.md:10:2", "b.md:1:1"], bag.Sorted().Select(d => d.Location));
    }

    [Fact]
    public void A_file_with_errors_still_yields_what_cross_file_rules_need()
    {
        var diagnostics = new List<Diagnostic>();

        var result = IncidentReader.ReadPartial(Pm.Source(Pm.Doc("id: cache-outage\nonboarding: 0\nrelated:\n  - db-disk-full\n")),
            new SiteSettings(), diagnostics);

        Assert.Null(result.Valid);
        Assert.NotNull(result.Partial);
        Assert.Equal("cache-outage", result.ClaimedId);
        Assert.Equal("cache-outage", result.Partial.Id);
        Assert.Equal(["db-disk-full"], result.Partial.Related);
        Assert.Equal([new SourcePosition(9, 5)], result.Partial.RelatedPositions);
        Assert.Equal("onboarding", Assert.Single(diagnostics).Field);
    }

    [Theory]
    [InlineData("https://example.com", true)]
    [InlineData("HTTP://example.com", true)]
    [InlineData("mailto:a@example.com", true)]
    [InlineData("../other.md", true)]
    [InlineData("#anchor", true)]
    [InlineData("//cdn.example.com/x", true)]
    [InlineData("page?x=a:b", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData(" JavaScript:alert(1)", false)]
    [InlineData("java\tscript:alert(1)", false)]
    [InlineData("vbscript:x", false)]
    [InlineData("data:text/html,x", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("", false)]
    [InlineData("   ", false)]
    public void SafeUrl_allows_only_http_mailto_and_relative(string url, bool allowed)
    {
        Assert.Equal(allowed, SafeUrl.IsAllowed(url));
    }

    [Theory]
    [InlineData("servces", "services")]
    [InlineData("Titel", "title")]
    [InlineData("detectedby", "detected_by")]
    [InlineData("causes", null)]
    [InlineData("completely-different", null)]
    public void Spelling_suggests_the_closest_known_field(string word, string? expected)
    {
        Assert.Equal(expected, Spelling.Closest(word, IncidentReader.KnownFields));
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    [InlineData("flaw", "lawn", 2)]
    public void Spelling_distance_is_levenshtein(string a, string b, int distance)
    {
        Assert.Equal(distance, Spelling.Distance(a, b));
    }
}
