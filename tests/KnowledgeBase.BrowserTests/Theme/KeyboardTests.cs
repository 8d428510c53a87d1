using Microsoft.Playwright;

namespace KnowledgeBase.BrowserTests.Theme;

/// <summary>Keyboard use: the skip link first, a visible focus ring on every stop, anchors and the theme switch by key.</summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardTests(SiteFixture site)
{
    private const string FocusedElement = """
        () => {
          const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
          return { tag: e.tagName.toLowerCase(), text: (e.getAttribute('aria-label') || e.textContent || e.id || '').trim().slice(0, 40),
                   outline: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth), width: r.width, height: r.height };
        }
        """;

    private sealed class Focused
    {
        public string Tag { get; set; } = "";
        public string Text { get; set; } = "";
        public string Outline { get; set; } = "";
        public double OutlineWidth { get; set; }
        public double Width { get; set; }
        public double Height { get; set; }
    }

    [Fact]
    public async Task The_skip_link_comes_first_shows_itself_and_moves_focus_to_the_content()
    {
        await using var s = await site.OpenAsync(PageTypes.Incident);
        await s.Page.Keyboard.PressAsync("Tab");
        var skip = s.Page.Locator("a.skip-link");
        await Assertions.Expect(skip).ToBeFocusedAsync();
        var box = await skip.BoundingBoxAsync();
        Assert.True(box is { Y: >= 0 } && box.Width > 20, "the focused skip link is on screen");
        await s.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(s.Page.Locator("main#main")).ToBeFocusedAsync();
        // The next Tab continues inside the content, not in the header.
        await s.Page.Keyboard.PressAsync("Tab");
        Assert.True(await s.Page.EvaluateAsync<bool>("() => document.querySelector('main').contains(document.activeElement)"));
        s.AssertClean();
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task Every_tab_stop_has_a_visible_focus_ring(string theme)
    {
        var context = await site.Browser.NewContextAsync(new() { BaseURL = site.Origin, ColorScheme = theme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(PageTypes.Incident, new() { WaitUntil = WaitUntilState.NetworkIdle });
            var problems = new List<string>();
            var stops = new List<string>();
            for (var i = 0; i < 40; i++)
            {
                await page.Keyboard.PressAsync("Tab");
                var f = await page.EvaluateAsync<Focused>(FocusedElement);
                stops.Add($"{f.Tag} '{f.Text}'");
                if (f.Tag == "body") break;
                if (f.Outline == "none" || f.OutlineWidth < 2) problems.Add($"stop {i + 1}: {f.Tag} '{f.Text}' has no focus ring ({f.Outline} {f.OutlineWidth}px)");
                if (f.Width < 1 || f.Height < 1) problems.Add($"stop {i + 1}: {f.Tag} '{f.Text}' is invisible");
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems) + "\nstops: " + string.Join(", ", stops));
            // The theme switch and the timeline's scroll box are among the stops.
            Assert.Contains(stops, x => x.Contains("Dark theme", StringComparison.Ordinal) || x.Contains("Тёмная тема", StringComparison.Ordinal));
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_heading_anchor_is_reachable_and_links_to_its_section()
    {
        await using var s = await site.OpenAsync(PageTypes.Incident);
        var anchor = s.Page.Locator(".pm-body h2 a.heading-anchor").Nth(1);
        var id = await s.Page.Locator(".pm-body h2").Nth(1).GetAttributeAsync("id");
        await anchor.FocusAsync();
        await Assertions.Expect(anchor).ToBeFocusedAsync();
        await s.Page.Keyboard.PressAsync("Enter");
        await s.Page.WaitForURLAsync("**#" + Uri.EscapeDataString(id!).Replace("%2D", "-"));
        Assert.EndsWith("#" + id, Uri.UnescapeDataString(s.Page.Url));
        s.AssertClean();
    }

    [Fact]
    public async Task Sortable_table_headers_sort_by_keyboard()
    {
        await using var s = await site.OpenAsync("/incidents/");
        var header = s.Page.Locator("th[data-sort]").First;
        await header.FocusAsync();
        await s.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(header).ToHaveAttributeAsync("aria-sort", "ascending");
        s.AssertClean();
    }
}
