using KnowledgeBase.Aggregation;
using Xunit;

namespace KnowledgeBase.Tests.Unit;

public sealed class TaxonomyBuilderTests
{
    private static RenderedIncident WithTags(string id, params string[] tags) => Pm.Rendered(Pm.Incident(id) with { Tags = tags });

    [Fact]
    public void Merges_values_case_insensitively_under_the_most_used_spelling()
    {
        var incidents = new[]
        {
            WithTags("c", "Certificates", "TLS"),
            WithTags("b", "certificates"),
            WithTags("a", "certificates", "dns"),
        };

        var taxonomy = TaxonomyBuilder.Build("tags", incidents, i => i.Incident.Tags);

        Assert.Equal("tags", taxonomy.Key);
        Assert.Equal(["certificates", "dns", "tls"], taxonomy.Terms.Select(t => t.Slug));
        var certificates = taxonomy.Terms[0];
        Assert.Equal("certificates", certificates.Name);
        Assert.Equal(["c", "b", "a"], certificates.Incidents.Select(i => i.Id));
        Assert.Equal("TLS", taxonomy.Terms[2].Name);
    }

    [Fact]
    public void A_tie_between_spellings_goes_to_the_ordinal_first()
    {
        var taxonomy = TaxonomyBuilder.Build("tags",
            [WithTags("a", "certificates"), WithTags("b", "Certificates")], i => i.Incident.Tags);

        var term = Assert.Single(taxonomy.Terms);
        Assert.Equal("Certificates", term.Name);
        Assert.Equal(["a", "b"], term.Incidents.Select(i => i.Id));
    }

    [Fact]
    public void An_incident_appears_once_per_term_even_with_two_spellings()
    {
        var taxonomy = TaxonomyBuilder.Build("tags",
            [WithTags("a", "DNS", "dns"), WithTags("b", "dns")], i => i.Incident.Tags);

        var term = Assert.Single(taxonomy.Terms);
        Assert.Equal(["a", "b"], term.Incidents.Select(i => i.Id));
        // "DNS" counted once for a, "dns" once for b (a's second spelling is skipped): tie → ordinal-first.
        Assert.Equal("DNS", term.Name);
    }

    [Fact]
    public void Unicode_terms_keep_their_letters_and_sort_ordinally_by_slug()
    {
        var taxonomy = TaxonomyBuilder.Build("tags",
            [WithTags("a", "база данных", "Zebra", "alpha")], i => i.Incident.Tags);

        Assert.Equal(["alpha", "zebra", "база-данных"], taxonomy.Terms.Select(t => t.Slug));
        Assert.Equal("база данных", taxonomy.Find("База Данных")!.Name);
        Assert.Null(taxonomy.Find("missing"));
    }

    [Fact]
    public void A_custom_term_order_is_applied()
    {
        var incidents = new[] { WithTags("a", "2023"), WithTags("b", "2024"), WithTags("c", "2022") };

        var taxonomy = TaxonomyBuilder.Build("years", incidents, i => i.Incident.Tags, (x, y) => string.CompareOrdinal(y.Slug, x.Slug));

        Assert.Equal(["2024", "2023", "2022"], taxonomy.Terms.Select(t => t.Name));
    }

    [Fact]
    public void No_values_give_no_terms()
    {
        Assert.Empty(TaxonomyBuilder.Build("tags", [WithTags("a")], i => i.Incident.Tags).Terms);
    }
}
