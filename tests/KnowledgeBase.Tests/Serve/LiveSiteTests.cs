using KnowledgeBase.Serving;
using KnowledgeBase.Tests.Site;

namespace KnowledgeBase.Tests.Serve;

/// <summary>The in-memory live site: what an update re-reads and re-renders, and what it keeps.</summary>
public sealed class LiveSiteTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _input;

    public LiveSiteTests() => _input = SmallKnowledgeBase.Create(_dir);

    public void Dispose() => _dir.Dispose();

    private LiveSite NewSite(bool drafts = true, IReadOnlyList<string>? themes = null, bool publicOnly = false) => new(new LiveSiteOptions
    {
        InputDir = _input, AsOf = new DateOnly(2026, 11, 23), IncludeDrafts = drafts, ThemeDirs = themes ?? [], Public = publicOnly,
    });

    private ChangeSet Changed(params string[] relative)
    {
        var changes = new ChangeSet();
        foreach (var r in relative) changes.Paths.Add(Path.Combine(_input, r));
        return changes;
    }

    private static string Html(LiveSnapshot snapshot, string sitePath) =>
        System.Text.Encoding.UTF8.GetString(snapshot.Page(sitePath) ?? throw new Xunit.Sdk.XunitException("no page " + sitePath));

    [Fact]
    public void An_edit_reparses_and_rerenders_only_the_edited_file()
    {
        var site = NewSite();
        var first = site.Update(ChangeSet.Everything());
        Assert.True(first.Succeeded);
        Assert.Equal(5, first.Reparsed.Count);
        Assert.Equal(5, first.Rerendered);
        var before = first.Snapshot!.Site.ById;

        _dir.Write("input/postmortems/2024/dns-migration.md", SmallKnowledgeBase.French.Replace("Panne DNS après migration", "Panne DNS corrigée"));
        var update = site.Update(Changed("postmortems/2024/dns-migration.md"));

        Assert.True(update.Succeeded);
        Assert.Equal(["postmortems/2024/dns-migration.md"], update.Reparsed);
        Assert.Equal(1, update.Rerendered);
        var after = update.Snapshot!.Site.ById;
        // Unchanged incidents keep their parsed and rendered objects; the edited one is new.
        Assert.Same(before["tls-expired"], after["tls-expired"]);
        Assert.Same(before["db-disk-full"].Body, after["db-disk-full"].Body);
        Assert.NotSame(before["dns-migration"], after["dns-migration"]);
        Assert.Contains("Panne DNS corrigée", Html(update.Snapshot, "incidents/dns-migration/"));
        Assert.Equal(first.Snapshot.Version + 1, update.Snapshot.Version);
    }

    [Fact]
    public void A_new_file_rerenders_every_body_because_links_between_files_may_now_resolve()
    {
        var site = NewSite();
        site.Update(ChangeSet.Everything());
        _dir.Write("input/postmortems/2025/linked.md", SmallKnowledgeBase.German.Replace("Die Warteschlange wuchs.", "Siehe [TLS](../2024/tls-expired.md)."));
        var update = site.Update(Changed("postmortems/2025/linked.md"));
        Assert.True(update.Succeeded);
        Assert.Equal(6, update.Rerendered);
        Assert.Contains("href=\"/incidents/tls-expired/\"", Html(update.Snapshot!, "incidents/linked/"));
    }

    [Fact]
    public void A_failed_update_keeps_the_last_good_snapshot_and_the_next_good_one_replaces_it()
    {
        var site = NewSite();
        var good = site.Update(ChangeSet.Everything()).Snapshot!;
        _dir.Write("input/postmortems/2024/tls-expired.md", SmallKnowledgeBase.English.Replace("severity: SEV2", "severity: [SEV2"));
        var failed = site.Update(Changed("postmortems/2024/tls-expired.md"));
        Assert.False(failed.Succeeded);
        Assert.Same(good, site.Current);
        var error = Assert.Single(site.Errors!);
        Assert.Equal("postmortems/2024/tls-expired.md", error.File);
        Assert.True(error.Line > 0);

        // A second bad file while the first is still bad: both are reported.
        _dir.Write("input/postmortems/2025/queue-backlog.md", SmallKnowledgeBase.German.Replace("date: 2025-01-20", "date: soon"));
        var twice = site.Update(Changed("postmortems/2025/queue-backlog.md"));
        Assert.Equal(2, twice.ErrorCount);

        _dir.Write("input/postmortems/2024/tls-expired.md", SmallKnowledgeBase.English);
        _dir.Write("input/postmortems/2025/queue-backlog.md", SmallKnowledgeBase.German);
        var fixedUpdate = site.Update(Changed("postmortems/2024/tls-expired.md", "postmortems/2025/queue-backlog.md"));
        Assert.True(fixedUpdate.Succeeded);
        Assert.Null(site.Errors);
        Assert.Same(fixedUpdate.Snapshot, site.Current);
    }

    [Fact]
    public void Drafts_are_shown_by_default_and_hidden_when_asked()
    {
        Assert.True(NewSite().Update(ChangeSet.Everything()).Snapshot!.Site.ById.ContainsKey("secret-draft"));
        Assert.False(NewSite(drafts: false).Update(ChangeSet.Everything()).Snapshot!.Site.ById.ContainsKey("secret-draft"));
    }

    [Fact]
    public async Task The_public_preview_shows_what_a_public_build_publishes_and_follows_visibility_edits()
    {
        _dir.Write("input/postmortems/2024/tls-expired.md", SmallKnowledgeBase.English.Replace("\nsummary:", "\nvisibility: public\nsummary:"));
        var live = NewSite(publicOnly: true);
        var first = live.Update(ChangeSet.Everything()).Snapshot!;
        Assert.Equal(["tls-expired"], first.Site.ById.Keys);

        // The same selection as kb build --public, page for page.
        using var built = new TempDir();
        Assert.Equal(0, BuiltSite.Build(_input, Path.Combine(built.Path, "out"), "--public").ExitCode);
        Assert.Equal(Directory.EnumerateDirectories(Path.Combine(built.Path, "out", "incidents")).Select(Path.GetFileName),
            first.PagePaths.Where(p => p.StartsWith("incidents/", StringComparison.Ordinal) && p.Count(c => c == '/') == 2).Select(p => p.Split('/')[1]));

        // Made internal again: it leaves the preview as it would leave the public site.
        _dir.Write("input/postmortems/2024/tls-expired.md", SmallKnowledgeBase.English);
        var update = live.Update(Changed("postmortems/2024/tls-expired.md")).Snapshot!;
        update = update.Completion is { } c ? await c.WaitAsync(TimeSpan.FromSeconds(60)) : update;
        Assert.Empty(update.Site.ById);
    }

    [Fact]
    public void Site_settings_changes_reread_every_file()
    {
        var site = NewSite();
        site.Update(ChangeSet.Everything());
        _dir.Write("input/site.yml", SmallKnowledgeBase.SiteYml.Replace("title: Test KB", "title: Renamed KB"));
        var update = site.Update(new ChangeSet { Settings = true });
        Assert.Equal(5, update.Reparsed.Count);
        Assert.Contains("Renamed KB", Html(update.Snapshot!, ""));
    }

    [Fact]
    public void The_preview_is_served_from_the_root_whatever_base_url_says()
    {
        _dir.Write("input/site.yml", SmallKnowledgeBase.SiteYml.Replace("base_url: /", "base_url: https://kb.example.com/kb/"));
        var snapshot = NewSite().Update(ChangeSet.Everything()).Snapshot!;
        Assert.Contains("href=\"/incidents/tls-expired/\"", Html(snapshot, "incidents/"));
    }

    [Fact]
    public void A_broken_theme_template_is_an_error_until_it_is_fixed()
    {
        var theme = Path.Combine(_dir.Path, "theme");
        _dir.Write("theme/templates/not-found.liquid", "<h1 data-custom>Lost</h1>");
        var site = NewSite(themes: [theme]);
        Assert.Contains("data-custom", Html(site.Update(ChangeSet.Everything()).Snapshot!, "404.html"));

        _dir.Write("theme/templates/not-found.liquid", "<h1>{% if %}</h1>");
        var broken = site.Update(new ChangeSet { Theme = true });
        Assert.False(broken.Succeeded);
        var error = Assert.Single(broken.Errors);
        Assert.Equal("theme", error.File);
        Assert.Contains("not-found.liquid", error.Message);

        _dir.Write("theme/templates/not-found.liquid", "<h1 data-custom>Lost again</h1>");
        Assert.Contains("Lost again", Html(site.Update(new ChangeSet { Theme = true }).Snapshot!, "404.html"));
    }

    [Fact]
    public async Task Similar_incidents_and_metrics_follow_in_the_background_with_current_titles_meanwhile()
    {
        var site = NewSite();
        var first = site.Update(ChangeSet.Everything()).Snapshot!;
        Assert.Null(first.Completion);
        Assert.NotNull(first.Site.Metrics);

        _dir.Write("input/postmortems/2023/db-disk-full.md", SmallKnowledgeBase.Russian.Replace("База данных остановилась из-за заполненного диска", "Диск базы данных заполнен"));
        var update = site.Update(Changed("postmortems/2023/db-disk-full.md")).Snapshot!;
        // Stand-in similar lists already point at the edited incident object (its new title).
        foreach (var list in update.Site.Similar.Values)
            foreach (var similar in list)
                Assert.Same(update.Site.ById[similar.Incident.Id], similar.Incident);

        var complete = await update.Completion!.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Null(complete.Completion);
        Assert.Equal(update.Version, complete.Version);
        Assert.Same(complete, site.Current);
        Assert.NotSame(first.Site.Metrics, complete.Site.Metrics);
        Assert.Contains("Диск базы данных заполнен", System.Text.Encoding.UTF8.GetString(complete.File("api/incidents.json")!));
    }

    [Fact]
    public void Hidden_and_non_markdown_files_are_ignored()
    {
        var site = NewSite();
        site.Update(ChangeSet.Everything());
        _dir.Write("input/postmortems/2024/.tls-expired.md.swp", "not yaml at all");
        _dir.Write("input/postmortems/2024/notes.txt", "scratch");
        var update = site.Update(Changed("postmortems/2024/.tls-expired.md.swp", "postmortems/2024/notes.txt"));
        Assert.True(update.Succeeded);
        Assert.Empty(update.Reparsed);
    }

    [Theory]
    [InlineData("title: Certificate expired on the API gateway", "title: Gateway certificate lapsed", true)] // patched in place
    [InlineData("The certificate expired.", "The certificate expired at night.", true)]                      // body only
    [InlineData("mitigated: 2024-03-14T09:47:00+01:00", "mitigated: 2024-03-14T10:47:00+01:00", true)]       // durations
    [InlineData("tags: [Certificates, tls, база данных]", "tags: [tls, renewal]", false)]                    // moves between tag pages
    [InlineData("date: 2024-03-14", "date: 2022-03-14", false)]                                              // moves in every list
    [InlineData("status: wont-do", "status: open", false)]                                                   // action dashboard
    [InlineData("related: [db-disk-full]", "related: []", false)]                                            // backlinks
    [InlineData("onboarding: 2", "onboarding: 3", false)]                                                    // reading path
    [InlineData("- Renewal must be automated end to end.", "- Renewal must be automatic.", false)]           // lessons
    public async Task An_incremental_update_gives_the_same_site_as_a_fresh_load(string from, string to, bool patched) =>
        await AssertSameAsFresh(from, to, patched, drafts: true);

    [Fact]
    public async Task Publishing_state_changes_update_links_and_lists_like_a_fresh_load()
    {
        // Without drafts, a post-mortem that becomes a draft leaves every list, and links to it become text.
        await AssertSameAsFresh("cause_categories: [process, measurement]", "cause_categories: [process, measurement]\nstatus: draft", false, drafts: false);
    }

    private async Task AssertSameAsFresh(string from, string to, bool patched, bool drafts)
    {
        var live = NewSite(drafts);
        live.Update(ChangeSet.Everything());
        var edited = SmallKnowledgeBase.English.Replace(from, to);
        Assert.NotEqual(SmallKnowledgeBase.English, edited);
        _dir.Write("input/postmortems/2024/tls-expired.md", edited);
        var update = live.Update(Changed("postmortems/2024/tls-expired.md"));
        Assert.Equal(patched, update.Stages.Any(t => t.Stage == "aggregate (patched)"));
        var incremental = update.Snapshot!;
        incremental = incremental.Completion is { } c ? await c.WaitAsync(TimeSpan.FromSeconds(60)) : incremental;
        var fresh = NewSite(drafts).Update(ChangeSet.Everything()).Snapshot!;

        Assert.Equal(fresh.PagePaths, incremental.PagePaths);
        foreach (var path in fresh.PagePaths) Assert.Equal(Html(fresh, path), Html(incremental, path));
        foreach (var file in new[] { "api/incidents.json", "api/actions.json", "feed.xml", "sitemap.xml" })
            Assert.Equal(fresh.File(file), incremental.File(file));
    }
}

public sealed class BackgroundSearchIndexTests
{
    [Fact]
    public void Removes_the_search_folders_of_killed_servers_and_keeps_those_of_running_ones()
    {
        var dead = Path.Combine(Path.GetTempPath(), $"{BackgroundSearchIndex.FolderPrefix}{int.MaxValue}-{Guid.NewGuid():N}");
        var alive = Path.Combine(Path.GetTempPath(), $"{BackgroundSearchIndex.FolderPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(dead, "1"));
        Directory.CreateDirectory(alive);
        try
        {
            using (new BackgroundSearchIndex()) { }
            Assert.False(Directory.Exists(dead));
            Assert.True(Directory.Exists(alive));
        }
        finally
        {
            if (Directory.Exists(dead)) Directory.Delete(dead, true);
            if (Directory.Exists(alive)) Directory.Delete(alive, true);
        }
    }
}
