using KnowledgeBase.Tests.Site;

namespace KnowledgeBase.Tests.Trust;

/// <summary>
/// A knowledge base where every post-mortem that must not reach a public build (internal, draft, review) carries a
/// unique marker in every field it has — title, summary, tags, services, authors, facilitator, detected_by, impact
/// keys and values, lessons, action titles/owners/success/links, body text, headings, link targets, id and file name —
/// next to public post-mortems with markers of their own (so the scan can also prove it sees content).
/// Markers are lower-case letters only and end in "qz", so no stemmer, slug or escaping changes them.
/// </summary>
public static class LeakFixture
{
    /// <summary>Every marker of the secret post-mortems; none may appear in any byte or path of a public build.</summary>
    public static IReadOnlyList<string> SecretMarkers => Secrets.SelectMany(s => s.Markers).ToList();

    /// <summary>Markers of the public post-mortems: each must appear somewhere in the public build.</summary>
    public static readonly IReadOnlyList<string> PublicMarkers =
        ["zppubtitleqz", "zppubsummaryqz", "zppubtagqz", "zppubserviceqz", "zppubbodyqz", "zppubactionqz", "zppublessonqz"];

    private sealed record Secret(string File, string Text, IReadOnlyList<string> Markers);

    private static readonly Secret[] Secrets =
    [
        // Internal and published: the common case, with an explicit id (its file name is another marker).
        Make("postmortems/2019/zqafilenameqz.md", "a", "internal", "published", explicitId: true, year: 2019),
        // Internal, id from the file name.
        Make("postmortems/2024/zqbfilenameqz.md", "b", "internal", "published", explicitId: false, year: 2024),
        // Public but still a draft, and public under review: neither is published.
        Make("postmortems/2024/zqcfilenameqz.md", "c", "public", "draft", explicitId: true, year: 2024),
        Make("postmortems/2025/zqdfilenameqz.md", "d", "public", "review", explicitId: false, year: 2025),
        // Internal draft, without a visibility field (internal is the default).
        Make("postmortems/2018/zqefilenameqz.md", "e", null, "draft", explicitId: true, year: 2018),
    ];

    private static Secret Make(string file, string k, string? visibility, string status, bool explicitId, int year)
    {
        string M(string field) => $"zq{k}{field}qz";
        var fields = new[]
        {
            "title", "summary", "tag", "service", "author", "facilitator", "detectedby", "impactkey", "impactvalue",
            "lesson", "bodylesson", "actiontitle", "actionowner", "actionsuccess", "actionlink", "bodytext", "heading",
            "linktext", "filename", "relatedtext",
        };
        var markers = fields.Select(M).ToList();
        var id = explicitId ? M("id") : M("filename");
        if (explicitId) markers.Add(M("id"));
        var text = $"""
            ---
            {(explicitId ? $"id: {id}" : "")}
            title: Secret {M("title")} outage
            date: {year}-06-0{k[0] - 'a' + 1}
            severity: SEV1
            summary: The {M("summary")} system failed.
            lang: en
            status: {status}
            {(visibility is null ? "" : $"visibility: {visibility}")}
            services: [{M("service")}, public-shared-service]
            tags: [{M("tag")}, shared]
            cause_categories: [environment]
            authors: [{M("author")}]
            facilitator: {M("facilitator")}
            detected_by: {M("detectedby")}
            started: {year}-06-01T10:00:00+02:00
            detected: {year}-06-01T10:20:00+02:00
            resolved: {year}-06-01T12:00:00+02:00
            impact:
              {M("impactkey")}: {M("impactvalue")}
            related: [public-alpha]
            onboarding: 9
            lessons:
              - {M("lesson")} matters.
            actions:
              - title: Fix {M("actiontitle")}
                owner: {M("actionowner")}
                due: {year}-07-01
                status: open
                success: {M("actionsuccess")} is green
                link: https://tracker.example.com/{M("actionlink")}
            ---
            ## {M("heading")}

            The {M("bodytext")} broke. See [{M("linktext")}](../2024/public-alpha.md) and the {M("relatedtext")} notes.

            ## Lessons learned

            - {M("bodylesson")} again.
            """;
        return new Secret(file, text, markers);
    }

    private const string PublicAlpha = """
        ---
        title: Public zppubtitleqz outage
        date: 2024-03-01
        severity: SEV2
        summary: The zppubsummaryqz queue stalled.
        visibility: public
        services: [zppubserviceqz, public-shared-service]
        tags: [zppubtagqz, shared]
        cause_categories: [process]
        related: [zqaidqz, zqbfilenameqz, public-beta]
        onboarding: 1
        actions:
          - title: Add zppubactionqz alert
            owner: SRE
            due: 2024-04-01
        ---
        ## What happened

        The zppubbodyqz consumer lagged. Compare [the earlier secret one](../2019/zqafilenameqz.md) and
        [the draft](../2024/zqcfilenameqz.md#zqcheadingqz) with [the other public one](public-beta.md).

        ## Lessons learned

        - zppublessonqz first.
        """;

    private const string PublicBeta = """
        ---
        title: Public beta incident
        date: 2023-01-10
        severity: SEV3
        summary: A public summary.
        visibility: public
        tags: [shared]
        ---
        Nothing secret here.
        """;

    public const int PublicCount = 2;

    /// <summary>Writes the knowledge base and returns its input folder.</summary>
    public static string Create(TempDir dir)
    {
        dir.Write("input/site.yml", "title: Leak test KB\nbase_url: /\nedit_url: https://github.com/acme/kb/edit/main/input/\n");
        dir.Write("input/postmortems/2024/public-alpha.md", PublicAlpha);
        dir.Write("input/postmortems/2024/public-beta.md", PublicBeta);
        foreach (var secret in Secrets) dir.Write("input/" + secret.File, secret.Text);
        return Path.Combine(dir.Path, "input");
    }
}
