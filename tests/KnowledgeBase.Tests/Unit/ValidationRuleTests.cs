using KnowledgeBase.Model;
using KnowledgeBase.Reading;
using KnowledgeBase.Validation;
using Xunit;

namespace KnowledgeBase.Tests.Unit;

public sealed class ValidationRuleTests
{
    private static IEnumerable<Diagnostic> Check(IValidationRule rule, IReadOnlyList<Incident> incidents, params string[] otherIds) =>
        rule.Check(incidents, new ValidationContext(incidents.Select(i => i.Id).Concat(otherIds).ToHashSet(StringComparer.Ordinal)));

    [Fact]
    public void UniqueIdRule_reports_the_second_file_at_its_id()
    {
        var a = Pm.Incident("db-outage", "postmortems/2023/a.md") with { IdPosition = new(6, 5) };
        var b = Pm.Incident("db-outage", "postmortems/2024/b.md") with { IdPosition = new(7, 5) };
        var c = Pm.Incident("other");

        var d = Assert.Single(Check(new UniqueIdRule(), [a, c, b]));

        DiagnosticAssert.At(d, DiagnosticLevel.Error, "postmortems/2024/b.md", 7, 5, "id");
        Assert.Equal("id 'db-outage' is already used by postmortems/2023/a.md; ids must be unique across the site", d.Message);
    }

    [Fact]
    public void UniqueIdRule_reports_every_further_duplicate_against_the_first()
    {
        var incidents = new[] { "x1.md", "x2.md", "x3.md" }
            .Select(f => Pm.Incident("same", "postmortems/" + f)).ToList();

        var diagnostics = Check(new UniqueIdRule(), incidents).ToList();

        Assert.Equal(["postmortems/x2.md", "postmortems/x3.md"], diagnostics.Select(d => d.File));
        Assert.All(diagnostics, d => Assert.Contains("already used by postmortems/x1.md", d.Message));
    }

    [Fact]
    public void UniqueIdRule_is_case_sensitive_and_quiet_for_distinct_ids()
    {
        Assert.Empty(Check(new UniqueIdRule(), [Pm.Incident("a"), Pm.Incident("b"), Pm.Incident("a-b")]));
    }

    [Fact]
    public void UniqueIdRule_finds_ids_read_from_files_and_points_at_the_id_value()
    {
        var first = Pm.ReadValid(Pm.Doc("id: shared\n"), relativePath: "postmortems/one.md");
        var second = Pm.ReadValid(Pm.Doc("tags: [x]\nid: shared\n"), relativePath: "postmortems/two.md");

        var d = Assert.Single(Check(new UniqueIdRule(), [first, second]));

        DiagnosticAssert.At(d, DiagnosticLevel.Error, "postmortems/two.md", 7, 5, "id");
    }

    [Fact]
    public void UniqueIdRule_locates_a_file_name_id_on_line_one()
    {
        var first = Pm.ReadValid(Pm.Doc("id: dns\n"), relativePath: "postmortems/a.md");
        var second = Pm.ReadValid(Pm.Doc(), relativePath: "postmortems/2024/dns.md");

        var d = Assert.Single(Check(new UniqueIdRule(), [first, second]));

        DiagnosticAssert.At(d, DiagnosticLevel.Error, "postmortems/2024/dns.md", 1, 1, "id");
    }

    [Fact]
    public void RelatedIdsRule_reports_unknown_ids_at_the_list_item_with_a_suggestion()
    {
        var target = Pm.Incident("db-disk-full");
        var source = Pm.ReadValid(Pm.Doc("related:\n  - db-disk-full\n  - db-disk-ful\n  - something-else-entirely\n"),
            relativePath: "postmortems/cache.md");

        var diagnostics = Check(new RelatedIdsRule(), [source, target]).ToList();

        Assert.Equal(2, diagnostics.Count);
        DiagnosticAssert.At(diagnostics[0], DiagnosticLevel.Error, "postmortems/cache.md", 8, 5, "related[1]");
        Assert.Equal("no post-mortem has the id 'db-disk-ful'; did you mean 'db-disk-full'?", diagnostics[0].Message);
        DiagnosticAssert.At(diagnostics[1], DiagnosticLevel.Error, "postmortems/cache.md", 9, 5, "related[2]");
        Assert.Equal("no post-mortem has the id 'something-else-entirely'", diagnostics[1].Message);
    }

    [Fact]
    public void RelatedIdsRule_names_the_source_index_after_a_duplicate_was_dropped()
    {
        var target = Pm.Incident("db-disk-full");
        var source = Pm.ReadValid(Pm.Doc("related:\n  - db-disk-full\n  - db-disk-full\n  - nope\n"),
            relativePath: "postmortems/cache.md");

        var d = Assert.Single(Check(new RelatedIdsRule(), [source, target]));

        DiagnosticAssert.At(d, DiagnosticLevel.Error, "postmortems/cache.md", 9, 5, "related[2]");
    }

    [Fact]
    public void RelatedIdsRule_accepts_ids_of_drafts_too()
    {
        var draft = Pm.Incident("draft-one") with { Status = IncidentStatus.Draft };
        var source = Pm.Incident("main") with { Related = ["draft-one"], RelatedPositions = [new(6, 11)] };

        Assert.Empty(Check(new RelatedIdsRule(), [source, draft]));
    }

    [Fact]
    public void RelatedIdsRule_accepts_ids_claimed_by_files_that_failed_to_read()
    {
        var source = Pm.Incident("main") with { Related = ["broken-file", "nope"], RelatedPositions = [new(7, 5), new(8, 5)] };

        var d = Assert.Single(Check(new RelatedIdsRule(), [source], "broken-file"));

        DiagnosticAssert.At(d, DiagnosticLevel.Error, source.SourcePath, 8, 5, "related[1]");
    }

    [Fact]
    public void SiteValidator_counts_other_known_ids_as_existing()
    {
        var source = Pm.Incident("main") with { Related = ["broken-file"], RelatedPositions = [new(7, 5)] };

        Assert.Empty(SiteValidator.Check([source], ["broken-file"]));
        Assert.Single(SiteValidator.Check([source]));
    }

    [Fact]
    public void IncidentReader_claims_the_id_of_a_file_with_errors()
    {
        var withIdField = IncidentReader.ReadWithId(Pm.Source(Pm.Doc("id: real-id\nonboarding: 0\n"), "postmortems/x.md"), new SiteSettings(), new List<Diagnostic>());
        var fromName = IncidentReader.ReadWithId(Pm.Source("---\ntitle: T\n---\n", "postmortems/dns-outage.md"), new SiteSettings(), new List<Diagnostic>());
        var unusableName = IncidentReader.ReadWithId(Pm.Source("no front matter", "postmortems/Bad Name.md"), new SiteSettings(), new List<Diagnostic>());

        Assert.Equal((null, "real-id"), (withIdField.Incident, withIdField.ClaimedId));
        Assert.Equal((null, "dns-outage"), (fromName.Incident, fromName.ClaimedId));
        Assert.Equal((null, null), (unusableName.Incident, unusableName.ClaimedId));
    }

    [Fact]
    public void OnboardingOrderRule_warns_when_two_published_incidents_share_a_step()
    {
        var a = Pm.Incident("a", "postmortems/a.md") with { Onboarding = 2, OnboardingPosition = new(9, 13) };
        var b = Pm.Incident("b", "postmortems/b.md") with { Onboarding = 2, OnboardingPosition = new(11, 13) };
        var c = Pm.Incident("c", "postmortems/c.md") with { Onboarding = 1, OnboardingPosition = new(6, 13) };

        var d = Assert.Single(Check(new OnboardingOrderRule(), [a, b, c]));

        DiagnosticAssert.At(d, DiagnosticLevel.Warning, "postmortems/b.md", 11, 13, "onboarding");
        Assert.Equal("onboarding step 2 is also taken by postmortems/a.md; give each step its own number", d.Message);
    }

    [Fact]
    public void OnboardingOrderRule_ignores_drafts_and_incidents_without_a_step()
    {
        var a = Pm.Incident("a") with { Onboarding = 1 };
        var draft = Pm.Incident("b") with { Onboarding = 1, Status = IncidentStatus.Draft };
        var review = Pm.Incident("c") with { Onboarding = 1, Status = IncidentStatus.Review };

        Assert.Empty(Check(new OnboardingOrderRule(), [a, draft, review, Pm.Incident("d"), Pm.Incident("e")]));
    }

    [Fact]
    public void SiteValidator_runs_every_rule()
    {
        var a = Pm.Incident("a") with { Onboarding = 1, Related = ["zzz"], RelatedPositions = [new(7, 5)] };
        var a2 = Pm.Incident("a", "postmortems/a2.md") with { Onboarding = 1 };

        var diagnostics = SiteValidator.Check([a, a2]);

        Assert.Equal(["id", "related[0]", "onboarding"], diagnostics.Select(d => d.Field));
        Assert.Equal([true, true, false], diagnostics.Select(d => d.IsError));
    }
}
