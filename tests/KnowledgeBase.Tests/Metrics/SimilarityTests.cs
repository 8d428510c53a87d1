using KnowledgeBase.Aggregation;
using KnowledgeBase.Aggregation.Similarity;
using KnowledgeBase.Markdown;
using KnowledgeBase.Model;

namespace KnowledgeBase.Tests.Metrics;

public sealed class SimilarityTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 23);

    private static RenderedIncident Make(string id, string date, string summary, string[]? services = null, string[]? tags = null,
        string[]? causes = null, string lang = "en", string rootCause = "", ActionItem[]? actions = null, string title = "")
    {
        var body = rootCause.Length > 0 ? $"Root causes\n{rootCause}\n" : "";
        var incident = new Incident
        {
            Id = id,
            SourcePath = $"postmortems/{id}.md",
            Title = title.Length > 0 ? title : "Incident " + id,
            Date = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
            Severity = "SEV2",
            Summary = summary,
            Language = lang,
            Services = services ?? [],
            Tags = tags ?? [],
            CauseCategories = causes ?? [],
            Actions = actions ?? [],
            Body = "",
        };
        IReadOnlyList<Heading> headings = rootCause.Length > 0 ? [new Heading(2, "Root causes", "root-causes")] : [];
        return new RenderedIncident(incident, new RenderedBody("", headings, [], body, 0));
    }

    private static ActionItem Action(ActionStatus status, string due = "2026-01-01") =>
        new("Do it", "SRE", DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), status, ActionPriority.Medium, null, null);

    private static IReadOnlyList<RenderedIncident> Fixture() =>
    [
        Make("target", "2025-06-01", "Write-ahead log segments filled the database disk because a replication slot was abandoned.",
            ["postgres"], ["database", "disk"], ["technology"], rootCause: "The abandoned replication slot retained WAL until the disk was full."),
        // Same service, tags, cause and story: the best match; earlier and still open, so a repeat.
        Make("twin", "2024-01-10", "An abandoned replication slot kept write-ahead log segments until the database disk was full.",
            ["postgres"], ["database", "disk"], ["technology"], rootCause: "A replication slot nobody consumed retained WAL segments.",
            actions: [Action(ActionStatus.Done), Action(ActionStatus.Open, "2024-03-01"), Action(ActionStatus.InProgress, "2027-01-01")]),
        // Same service and cause, different story.
        Make("cousin", "2024-05-05", "Connection pool exhausted during a traffic spike.", ["postgres"], ["database"], ["technology"],
            actions: [Action(ActionStatus.Done)]),
        // Later, shares the tags and words: similar, but never a repeat of the target (it is not earlier).
        Make("later", "2026-02-02", "The database disk filled up with write-ahead log segments again.", ["orders-db"], ["database", "disk"],
            ["process"], actions: [Action(ActionStatus.Open)]),
        // Russian, no shared service or tag: found through the technical words it shares (WAL, slot names).
        Make("russian", "2023-03-07", "Журналы WAL заполнили диск: слот репликации replication_slot_cdc не читался.", ["cdc"], ["база данных"],
            ["people"], lang: "ru", rootCause: "Слот репликации удерживал WAL, пока диск не заполнился."),
        // Shares only a very common cause category: too weak to show.
        Make("stranger", "2024-09-09", "The CDN purged every object at once.", ["cdn"], ["cdn"], ["technology"]),
        Make("noise1", "2022-01-01", "Badges rendered in the wrong colour.", ["web"], ["ui"], ["people"]),
        Make("noise2", "2022-02-01", "Email digests were sent twice.", ["mail"], ["email"], ["process"]),
    ];

    [Fact]
    public void Ranks_by_shared_facets_and_words_and_leaves_out_weak_matches()
    {
        var similar = SimilarIncidents.Find(Fixture(), AsOf)["target"];
        var ids = similar.Select(s => s.Incident.Id).ToList();
        Assert.Equal("twin", ids[0]);
        Assert.Equal(["twin", "later", "cousin"], ids.Take(3));
        Assert.DoesNotContain("target", ids);
        Assert.DoesNotContain("stranger", ids);
        Assert.DoesNotContain("noise1", ids);
        Assert.All(similar, s => Assert.InRange(s.Score, SimilarIncidents.MinScore, 1.0));
        Assert.Equal(similar.Select(s => s.Score).OrderDescending(), similar.Select(s => s.Score));
        var twin = similar[0];
        Assert.Equal(["postgres"], twin.SharedServices);
        Assert.Equal(["database", "disk"], twin.SharedTags);
        Assert.Equal(["technology"], twin.SharedCauses);
        Assert.True(twin.TextScore > 0.2, $"text score {twin.TextScore}");
    }

    [Fact]
    public void Text_similarity_crosses_languages_through_technical_words()
    {
        var russian = SimilarIncidents.Find(Fixture(), AsOf, minScore: 0)["russian"];
        var target = russian.Single(s => s.Incident.Id == "target");
        Assert.Equal(0, target.FacetScore);
        Assert.True(target.TextScore > 0, "WAL and replication terms should match across languages");
    }

    [Fact]
    public void Repeat_marks_an_earlier_similar_incident_that_still_has_open_work()
    {
        var similar = SimilarIncidents.Find(Fixture(), AsOf)["target"].ToDictionary(s => s.Incident.Id);
        Assert.True(similar["twin"].IsRepeat);
        Assert.Equal((2, 1), (similar["twin"].OpenActions, similar["twin"].OverdueActions)); // open (overdue) + in progress
        Assert.False(similar["cousin"].IsRepeat);  // earlier, but its only action is done
        Assert.False(similar["later"].IsRepeat);   // open work, but it happened after
    }

    [Fact]
    public void At_most_five_and_the_same_answer_whatever_the_input_order()
    {
        var many = Enumerable.Range(0, 20).Select(k => Make($"db-{k:00}", $"2024-01-{k + 1:00}", "Replication slot filled the database disk.",
            ["postgres"], ["database"], ["technology"])).ToList();
        var forward = SimilarIncidents.Find(many, AsOf);
        var backward = SimilarIncidents.Find(many.AsEnumerable().Reverse().ToList(), AsOf);
        Assert.All(forward.Values, list => Assert.Equal(SimilarIncidents.MaxResults, list.Count));
        foreach (var (id, list) in forward)
            Assert.Equal(list.Select(s => (s.Incident.Id, s.Score)), backward[id].Select(s => (s.Incident.Id, s.Score)));
        // Ties go to the incident nearest in time after it: the most recent ones come first.
        Assert.Equal(["db-19", "db-18", "db-17", "db-16", "db-15"], forward["db-00"].Select(s => s.Incident.Id));
    }

    [Fact]
    public void Scales_to_ten_thousand_incidents_without_comparing_every_pair()
    {
        var random = new Random(7);
        string[] words = ["disk", "slot", "replication", "certificate", "dns", "cache", "queue", "deploy", "timeout", "memory", "leak",
            "quota", "node", "pool", "retry", "storm", "lag", "consumer", "ttl", "index", "lock", "deadlock", "backup", "restore"];
        var incidents = Enumerable.Range(0, 10_000).Select(k => Make($"i-{k:00000}",
            new DateOnly(2016, 1, 1).AddDays(k / 3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            string.Join(' ', Enumerable.Range(0, 12).Select(_ => words[random.Next(words.Length)])),
            [$"svc-{random.Next(40)}"], [$"tag-{random.Next(150)}", $"tag-{random.Next(150)}"], [CauseCategories.All[random.Next(6)]],
            rootCause: string.Join(' ', Enumerable.Range(0, 40).Select(_ => words[random.Next(words.Length)])))).ToList();
        var work = new SimilarityWork();
        var similar = SimilarIncidents.Find(incidents, AsOf, work: work);
        Assert.Equal(10_000, similar.Count);
        Assert.All(similar.Values, list => Assert.InRange(list.Count, 0, SimilarIncidents.MaxResults));
        Assert.True(similar.Values.Count(l => l.Count > 0) > 9_000);
        // All pairs would be 10,000 × 9,999 ≈ 100 million; each incident proposes at most (its facets + candidate terms)
        // × the posting cap partners and scores only a shortlist of them exactly.
        const int n = 10_000, facetsPerIncident = 4;
        Assert.InRange(work.Scored, 1, (long)n * SimilarIncidents.Shortlist);
        Assert.InRange(work.Candidates, work.Scored, (long)n * (facetsPerIncident + SimilarIncidents.CandidateTerms) * SimilarIncidents.PostingCap);
    }

    [Fact]
    public void Text_analyzer_normalises_case_inflection_stop_words_and_scripts()
    {
        var analyzer = new TextAnalyzer();
        Dictionary<string, int> Terms(string text, string lang) => analyzer.Count(text, lang);
        Assert.Equal(Terms("replication slot", "en").Keys.Order(), Terms("The Replication Slots were", "en").Keys.Order());
        Assert.Equal(Terms("слот репликации", "ru").Keys.Order(), Terms("слоты репликации", "ru").Keys.Order());
        Assert.Equal(Terms("ещё", "ru").Keys, Terms("еще", "ru").Keys);
        Assert.Empty(Terms("the and of 2024 12:30", "en"));
        Assert.Equal(Terms("déploiement", "fr").Keys, Terms("deploiement", "fr").Keys);
        Assert.Contains("wal", Terms("Журналы WAL", "ru").Keys);
        Assert.Equal(Terms("PostgreSQL", "de").Keys, Terms("postgresql", "fr").Keys);
    }

    [Fact]
    public void Root_cause_text_is_the_section_under_a_root_cause_heading_in_any_language()
    {
        static RenderedBody Body(params (string Heading, string Text)[] sections) => new("",
            sections.Select(s => new Heading(2, s.Heading, "")).ToList(), [],
            string.Concat(sections.Select(s => s.Heading + "\n" + s.Text + "\n")), 0);
        Assert.Equal("\nSlot kept WAL.\n", RootCauseText.Of(Body(("Summary", "Disk full."), ("Root causes (5 whys)", "Slot kept WAL."), ("Lessons", "Limit it."))));
        Assert.Contains("Слот", RootCauseText.Of(Body(("Коренные причины (5 почему)", "Слот удерживал WAL."), ("Уроки", "x"))));
        Assert.Contains("TTL", RootCauseText.Of(Body(("Causes racines", "TTL trop long."))));
        Assert.Contains("Skript", RootCauseText.Of(Body(("Ursachen (5 Warum)", "Skript lief doppelt."))));
        Assert.Equal("", RootCauseText.Of(Body(("Summary", "Nothing else."))));
    }
}
