using KnowledgeBase.Aggregation;
using KnowledgeBase.Markdown;
using KnowledgeBase.Model;
using KnowledgeBase.Reading;
using KnowledgeBase.Tests.Site;

namespace KnowledgeBase.Tests.Metrics;

/// <summary>
/// Seven post-mortems whose metrics were worked out by hand (see <see cref="MetricsTests"/> for the arithmetic).
/// As of 2026-11-23. Chronological order: A 2024-01-10, B 2024-02-20, C 2024-05-05, G 2024-11-23, D 2025-03-03,
/// E 2025-07-15, F 2025-11-23.
/// </summary>
public static class MetricsKnowledgeBase
{
    public static readonly DateOnly AsOf = new(2026, 11, 23);

    public static readonly IReadOnlyDictionary<string, string> Files = new Dictionary<string, string>
    {
        ["postmortems/2024/a-db.md"] = """
            ---
            id: a-db
            title: Primary database ran out of disk
            date: 2024-01-10
            severity: SEV1
            summary: Write-ahead log segments filled the disk of the primary database.
            services: [db]
            tags: [database, disk]
            cause_categories: [technology]
            authors: [Ana Lima]
            started: 2024-01-10T10:00:00Z
            detected: 2024-01-10T10:10:00Z
            mitigated: 2024-01-10T10:40:00Z
            resolved: 2024-01-10T12:00:00Z
            onboarding: 1
            actions:
              - title: Alert on disk usage above 80 percent
                owner: SRE
                due: 2024-02-01
                status: done
              - title: Cap replication slot retention
                owner: sre
                due: 2024-03-01
                status: done
              - title: Buy bigger disks
                owner: Procurement
                due: 2024-02-15
                status: wont-do
            ---
            ## Root causes

            An abandoned replication slot kept write-ahead log segments until the disk was full.

            ## Lessons learned

            - Retention needs a limit in configuration.
            """,
        ["postmortems/2024/b-db.md"] = """
            ---
            id: b-db
            title: Database failover stalled the checkout API
            date: 2024-02-20
            severity: SEV2
            summary: A slow failover of the database made the checkout API time out.
            services: [db, api]
            tags: [database]
            cause_categories: [technology, process]
            started: 2024-02-20T08:00:00Z
            detected: 2024-02-20T08:30:00Z
            mitigated: 2024-02-20T09:00:00Z
            resolved: 2024-02-20T11:00:00Z
            onboarding: 2
            actions:
              - title: Rehearse database failover every quarter
                owner: Team DB
                due: 2024-04-01
                status: open
              - title: "Shorten failover timeouts, \"carefully\", in two steps"
                owner: Team DB
                due: 2027-01-01
                status: in-progress
              - title: Document the failover runbook
                owner: SRE
                due: 2024-03-15
                status: done
            ---
            ## Root causes

            Failover waited for a replication slot that was never consumed.
            """,
        ["postmortems/2024/c-api.md"] = """
            ---
            id: c-api
            title: Bad deploy broke the API
            date: 2024-05-05
            severity: SEV3
            summary: A configuration typo in a deploy returned errors for twenty minutes.
            services: [api]
            tags: [deploy]
            cause_categories: [people]
            detected: 2024-05-05T14:00:00Z
            mitigated: 2024-05-05T14:20:00Z
            resolved: 2024-05-05T15:00:00Z
            actions:
              - title: Validate configuration in CI
                owner: Team API
                due: 2024-06-01
                status: done
            ---
            Body.
            """,
        ["postmortems/2024/g-cache.md"] = """
            ---
            id: g-cache
            title: Cache nodes lost their memory
            date: 2024-11-23
            severity: SEV3
            summary: Cache hardware failed during a firmware update.
            services: [cache]
            tags: [cache]
            cause_categories: [material]
            started: 2024-11-23T10:00:00Z
            detected: 2024-11-23T09:50:00Z
            mitigated: 2024-11-23T10:30:00Z
            resolved: 2024-11-23T11:00:00Z
            ---
            Body.
            """,
        ["postmortems/2025/d-dns.md"] = """
            ---
            id: d-dns
            title: DNS zone lost its delegation
            date: 2025-03-03
            severity: SEV2
            summary: The DNS delegation expired and names stopped resolving.
            services: [dns]
            tags: [dns]
            cause_categories: [environment]
            related: [c-api]
            started: 2025-03-03T00:00:00Z
            detected: 2025-03-03T00:05:00Z
            mitigated: 2025-03-03T01:00:00Z
            resolved: 2025-03-03T05:00:00Z
            actions:
              - title: Monitor delegation expiry
                owner: Team Net
                due: 2025-04-01
                status: open
            ---
            Body.
            """,
        ["postmortems/2025/e-db.md"] = """
            ---
            id: e-db
            title: Database disk filled again
            date: 2025-07-15
            severity: SEV1
            summary: Write-ahead log segments filled the database disk after a replication slot was abandoned.
            services: [db]
            tags: [database, disk]
            cause_categories: [technology]
            started: 2025-07-15T12:00:00Z
            detected: 2025-07-15T12:20:00Z
            mitigated: 2025-07-15T13:00:00Z
            resolved: 2025-07-15T20:00:00Z
            actions:
              - title: Drop unused replication slots automatically
                owner: Team DB
                due: 2025-08-01
                status: done
              - title: Alert on replication slot lag
                owner: Team DB
                due: 2026-12-31
                status: open
            ---
            ## Root causes

            A replication slot was abandoned again and write-ahead log segments filled the disk.
            """,
        ["postmortems/2025/f-api.md"] = """
            ---
            id: f-api
            title: API rate limits misconfigured
            date: 2025-11-23
            severity: SEV4
            summary: A process gap left rate limits unset after a deploy.
            services: [api]
            tags: [deploy]
            cause_categories: [process]
            ---
            Body.
            """,
    };

    public const string SiteYml = """
        title: Metrics KB
        base_url: https://kb.example.com/kb/
        default_lang: en
        """;

    /// <summary>Writes the knowledge base under <paramref name="dir"/> and returns its input folder.</summary>
    public static string Create(TempDir dir, string? siteYml = null)
    {
        dir.Write("input/site.yml", siteYml ?? SiteYml);
        foreach (var (path, text) in Files) dir.Write("input/" + path, text);
        return Path.Combine(dir.Path, "input");
    }

    /// <summary>The aggregated site model of the fixture, through the real reader, Markdown stage and aggregator.</summary>
    public static SiteModel Model() => ModelOf(Files, AsOf);

    public static SiteModel ModelOf(IReadOnlyDictionary<string, string> files, DateOnly asOf, SiteSettings? settings = null)
    {
        settings ??= new SiteSettings { Title = "Metrics KB", BaseUrl = "https://kb.example.com/kb/" };
        var diagnostics = new List<Diagnostic>();
        var incidents = files
            .Select(f => IncidentReader.Read(new SourceFile(f.Key, f.Key, f.Value), settings, diagnostics))
            .ToList();
        Assert.True(diagnostics.All(d => !d.IsError), string.Join("\n", diagnostics));
        var valid = incidents.OfType<Incident>().ToList();
        var markdown = new PostmortemMarkdown(MarkdownPipelineFactory.Create(),
            new BodyLinkResolver(valid.ToDictionary(i => i.SourcePath, i => i.Id), valid.Select(i => i.Id).ToHashSet(), "/"));
        var rendered = valid.Select(i => new RenderedIncident(i, markdown.Render(i, diagnostics))).ToList();
        return SiteAggregator.Aggregate(rendered, settings, asOf);
    }
}
