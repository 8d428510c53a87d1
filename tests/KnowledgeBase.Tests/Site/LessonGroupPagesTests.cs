namespace KnowledgeBase.Tests.Site;

/// <summary>The lessons overview stays small: a few lessons per group, every lesson on the group's own page.</summary>
public sealed class LessonGroupPagesTests
{
    [Fact]
    public void Overview_shows_the_first_lessons_and_links_to_a_page_with_all_of_them()
    {
        using var dir = new TempDir();
        for (var i = 1; i <= 4; i++)
            dir.Write($"input/postmortems/p{i}.md", $"""
                ---
                title: Incident {i}
                date: 2024-0{i}-01
                severity: SEV3
                summary: Summary {i}.
                tags: [База данных]
                cause_categories: [process]
                lessons: [Lesson {i}a, Lesson {i}b]
                ---
                Body.
                """);
        var site = BuiltSite.Build(Path.Combine(dir.Path, "input"), Path.Combine(dir.Path, "out"));
        Assert.True(site.ExitCode == 0, site.Stderr);

        var overview = site.Page("/lessons/");
        var group = overview.QuerySelectorAll("[data-lesson-group=tag]").Single();
        Assert.Equal(5, group.QuerySelectorAll("li").Length);
        Assert.Contains("8", group.QuerySelector(".count")!.TextContent);
        var all = group.QuerySelector("a[data-all-lessons]")!;
        Assert.Equal("/lessons/tags/%D0%B1%D0%B0%D0%B7%D0%B0-%D0%B4%D0%B0%D0%BD%D0%BD%D1%8B%D1%85/", all.GetAttribute("href"));
        Assert.Contains("All 8 lessons", all.TextContent);

        var full = site.Page(all.GetAttribute("href")!).QuerySelectorAll("[data-lesson-list] li span").Select(s => s.TextContent).ToList();
        Assert.Equal(8, full.Count);
        Assert.Equal(["Lesson 4a", "Lesson 4b", "Lesson 3a", "Lesson 3b", "Lesson 2a", "Lesson 2b", "Lesson 1a", "Lesson 1b"], full);
        Assert.Equal(8, site.Page("/lessons/causes/process/").QuerySelectorAll("[data-lesson-list] li").Length);
    }
}
