namespace KnowledgeBase.Tests.Site;

/// <summary>Builds the small four-language knowledge base and checks every page's content.</summary>
public sealed class SiteContentTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly BuiltSite _site;

    public SiteContentTests()
    {
        var input = SmallKnowledgeBase.Create(_dir);
        _site = BuiltSite.Build(input, Path.Combine(_dir.Path, "out"));
        Assert.True(_site.ExitCode == 0, _site.Stderr);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Every_index_page_exists()
    {
        foreach (var path in new[] { "/", "/incidents/", "/tags/", "/services/", "/severity/", "/years/", "/causes/", "/lessons/", "/actions/", "/onboarding/", "/404.html" })
            Assert.True(_site.Exists(path), path);
    }

    [Fact]
    public void Incident_list_has_every_published_incident_newest_first_and_no_draft()
    {
        var rows = _site.Page("/incidents/").QuerySelectorAll("tr[data-incident]").Select(r => r.GetAttribute("data-incident")).ToList();
        Assert.Equal(["queue-backlog", "dns-migration", "tls-expired", "db-disk-full"], rows);
        Assert.False(_site.Exists("/incidents/secret-draft/"));
        Assert.False(_site.Exists("/tags/draft-only-tag/"));
        foreach (var file in _site.HtmlFiles())
            Assert.DoesNotContain("Secret draft", File.ReadAllText(file));
    }

    [Fact]
    public void Drafts_flag_includes_drafts()
    {
        var site = BuiltSite.Build(Path.Combine(_dir.Path, "input"), Path.Combine(_dir.Path, "out-drafts"), "--drafts");
        Assert.Equal(0, site.ExitCode);
        Assert.True(site.Exists("/incidents/secret-draft/"));
        Assert.True(site.Exists("/tags/draft-only-tag/"));
    }

    [Fact]
    public void Incident_page_shows_front_matter_durations_impact_and_credit()
    {
        var page = _site.Page("/incidents/tls-expired/");
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Certificate expired on the API gateway", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("SEV2", page.QuerySelector("[data-severity]")!.TextContent);
        Assert.Contains("Customer support", page.QuerySelector("[data-detected-by]")!.TextContent);
        Assert.Equal("12", page.QuerySelector("[data-duration=time_to_detect]")!.GetAttribute("data-minutes"));
        Assert.Equal("47", page.QuerySelector("[data-duration=time_to_mitigate]")!.GetAttribute("data-minutes"));
        Assert.Equal("150", page.QuerySelector("[data-duration=time_to_resolve]")!.GetAttribute("data-minutes"));
        Assert.Equal("2 h 30 min", page.QuerySelector("[data-duration=time_to_resolve] dd")!.TextContent);
        Assert.Null(page.QuerySelector("[data-start-is-detection]"));
        var impact = page.QuerySelectorAll("table.impact tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, impact.Count);
        Assert.Contains("120000", impact[1]);
        Assert.Contains("Ana Lima", page.QuerySelector(".facts")!.TextContent);
        Assert.Contains("Sam Wu", page.QuerySelector(".facts")!.TextContent);
        Assert.Equal("https://github.com/acme/kb/edit/main/input/postmortems/2024/tls-expired.md",
            page.QuerySelector("[data-edit-link]")!.GetAttribute("href"));
    }

    [Fact]
    public void Incident_page_lists_lessons_and_actions_with_status_badges()
    {
        var page = _site.Page("/incidents/tls-expired/");
        var lessons = page.QuerySelectorAll("[data-lessons] li").Select(l => l.TextContent).ToList();
        Assert.Equal(["Expiry dates belong in monitoring, not calendars.", "Renewal must be automated end to end."], lessons);
        var statuses = page.QuerySelectorAll("[data-action-status]").Select(a => a.GetAttribute("data-action-status")).ToList();
        // in-progress with a due date before the as-of date is overdue.
        Assert.Equal(["done", "overdue", "open", "wont-do"], statuses);
        Assert.Equal("https://tracker.example.com/EDGE-12", page.QuerySelector("[data-action-status=overdue] a.ticket")!.GetAttribute("href"));
    }

    [Fact]
    public void Related_links_go_both_ways()
    {
        var en = _site.Page("/incidents/tls-expired/");
        Assert.Equal(["/incidents/db-disk-full/"], en.QuerySelectorAll("[data-related] a").Select(a => a.GetAttribute("href")));
        Assert.Equal(["/incidents/dns-migration/"], en.QuerySelectorAll("[data-referenced-by] a").Select(a => a.GetAttribute("href")));
        var ru = _site.Page("/incidents/db-disk-full/");
        Assert.Equal(["/incidents/tls-expired/"], ru.QuerySelectorAll("[data-referenced-by] a").Select(a => a.GetAttribute("href")));
        Assert.Empty(ru.QuerySelectorAll("[data-related] a"));
    }

    [Fact]
    public void Body_link_to_another_postmortem_file_points_to_its_page()
    {
        var page = _site.Page("/incidents/tls-expired/");
        Assert.Contains(page.QuerySelectorAll(".pm-body a"), a => a.GetAttribute("href") == "/incidents/db-disk-full/");
    }

    [Fact]
    public void Pages_follow_the_postmortem_language_with_localized_words()
    {
        var ru = _site.Page("/incidents/db-disk-full/");
        Assert.Equal("ru", ru.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Извлечённые уроки", ru.QuerySelector(".pm-lessons h2")!.TextContent);
        Assert.NotNull(ru.QuerySelector("[data-start-is-detection]"));
        Assert.Null(ru.QuerySelector("[data-duration=time_to_detect]"));
        Assert.Equal("90", ru.QuerySelector("[data-duration=time_to_mitigate]")!.GetAttribute("data-minutes"));
        Assert.Contains("Просрочена", ru.QuerySelector("[data-action-status=overdue]")!.TextContent);

        Assert.Equal("fr", _site.Page("/incidents/dns-migration/").DocumentElement.GetAttribute("lang"));
        Assert.Contains("Leçons apprises", _site.Page("/incidents/dns-migration/").QuerySelector(".pm-lessons h2")!.TextContent);
        var de = _site.Page("/incidents/queue-backlog/");
        Assert.Equal("de", de.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Erkenntnisse", de.QuerySelector(".pm-lessons h2")!.TextContent);
        Assert.Contains("Erledigt", de.QuerySelector("[data-action-status=done]")!.TextContent);
        Assert.Equal("en", _site.Page("/").DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public void Front_matter_lessons_win_over_the_body_list()
    {
        var fr = _site.Page("/incidents/dns-migration/");
        Assert.Equal(["Baisser le TTL avant toute migration."], fr.QuerySelectorAll("[data-lessons] li").Select(l => l.TextContent));
    }

    [Fact]
    public void Tags_merge_case_insensitively_and_keep_unicode_letters()
    {
        var certs = _site.Page("/tags/certificates/");
        Assert.Equal(["tls-expired", "db-disk-full"], certs.QuerySelectorAll("tr[data-incident]").Select(r => r.GetAttribute("data-incident")));
        Assert.False(Directory.Exists(Path.Combine(_site.OutputDir, "tags", "Certificates")));

        Assert.True(File.Exists(Path.Combine(_site.OutputDir, "tags", "база-данных", "index.html")));
        var unicode = _site.Page("/tags/база-данных/");
        Assert.Equal(2, unicode.QuerySelectorAll("tr[data-incident]").Length);
        var link = _site.Page("/incidents/tls-expired/").QuerySelectorAll("a[rel=tag]").Single(a => a.TextContent == "база данных");
        Assert.Equal("/tags/%D0%B1%D0%B0%D0%B7%D0%B0-%D0%B4%D0%B0%D0%BD%D0%BD%D1%8B%D1%85/", link.GetAttribute("href"));
        Assert.True(_site.Exists("/tags/base-de-données/"));
        var tagNames = _site.Page("/tags/").QuerySelectorAll(".term-list a").Select(a => a.TextContent).ToList();
        Assert.Equal(tagNames.Count, tagNames.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Services_severity_years_and_causes_have_pages()
    {
        Assert.Equal(2, _site.Page("/services/api-gateway/").QuerySelectorAll("tr[data-incident]").Length);
        Assert.Equal(["db-disk-full"], _site.Page("/severity/sev1/").QuerySelectorAll("tr[data-incident]").Select(r => r.GetAttribute("data-incident")));
        Assert.Equal(2, _site.Page("/years/2024/").QuerySelectorAll("tr[data-incident]").Length);
        Assert.Equal(["tls-expired"], _site.Page("/causes/process/").QuerySelectorAll("tr[data-incident]").Select(r => r.GetAttribute("data-incident")));
        var severities = _site.Page("/severity/").QuerySelectorAll(".term-list a").Select(a => a.TextContent).ToList();
        Assert.Equal(["SEV1", "SEV2", "SEV3", "SEV4"], severities);
        var years = _site.Page("/years/").QuerySelectorAll(".term-list a").Select(a => a.TextContent).ToList();
        Assert.Equal(["2025", "2024", "2023"], years);
    }

    [Fact]
    public void Lessons_page_groups_every_lesson_by_tag_and_by_cause()
    {
        var page = _site.Page("/lessons/");
        var allLessons = page.QuerySelectorAll("[data-lesson-group=tag] li span[lang]").Select(s => s.TextContent).Distinct().ToList();
        Assert.Equal(6, allLessons.Count);
        Assert.Contains("Verzögerung der Verbraucher muss alarmieren.", allLessons);
        Assert.Contains("Неактивный слот репликации опасен.", allLessons);
        var dbGroup = page.QuerySelectorAll("[data-lesson-group=tag]").Single(g => g.QuerySelector("h3 a")!.TextContent == "база данных");
        Assert.Equal(3, dbGroup.QuerySelectorAll("li").Length);
        Assert.Contains(dbGroup.QuerySelectorAll("li a"), a => a.GetAttribute("href") == "/incidents/db-disk-full/");
        var causeGroups = page.QuerySelectorAll("[data-lesson-group=cause] h3").Select(h => h.TextContent.Split(' ')[0]).ToList();
        Assert.Contains("Process", causeGroups);
        Assert.Contains("Without", causeGroups);
    }

    [Fact]
    public void Actions_dashboard_lists_each_action_once_overdue_first_with_counts()
    {
        var page = _site.Page("/actions/");
        var items = page.QuerySelectorAll("[data-action-status]");
        Assert.Equal(6, items.Length);
        Assert.Equal(["overdue", "overdue", "open", "done", "done", "wont-do"], items.Select(i => i.GetAttribute("data-action-status")));
        int Count(string status) => int.Parse(page.QuerySelector($"[data-status-count={status}] strong")!.TextContent);
        Assert.Equal(2, Count("overdue"));
        Assert.Equal(1, Count("open"));
        Assert.Equal(0, Count("in-progress"));
        Assert.Equal(2, Count("done"));
        Assert.Equal(1, Count("wont-do"));
        var edge = page.QuerySelector("tr[data-owner='Team Edge']")!.QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        Assert.Equal(["1", "1", "0", "0", "0"], edge);
    }

    [Fact]
    public void Home_page_shows_totals_latest_and_links_to_every_index()
    {
        var page = _site.Page("/");
        Assert.Equal("4", page.QuerySelector("[data-stat=incidents]")!.TextContent);
        Assert.Equal("3", page.QuerySelector("[data-stat=open-actions]")!.TextContent);
        Assert.Equal("2", page.QuerySelector("[data-stat=overdue-actions]")!.TextContent);
        var links = page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToHashSet();
        foreach (var index in new[] { "/incidents/", "/tags/", "/services/", "/severity/", "/years/", "/causes/", "/lessons/", "/actions/", "/onboarding/" })
            Assert.Contains(index, links);
    }

    [Fact]
    public void Onboarding_path_follows_the_onboarding_order()
    {
        var steps = _site.Page("/onboarding/").QuerySelectorAll("[data-step] h2 a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/incidents/db-disk-full/", "/incidents/tls-expired/"], steps);
    }
}
