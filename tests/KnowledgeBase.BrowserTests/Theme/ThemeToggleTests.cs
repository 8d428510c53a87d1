using Microsoft.Playwright;

namespace KnowledgeBase.BrowserTests.Theme;

/// <summary>Light and dark follow the system until the reader picks one with the switch; the pick holds on every page, from the first paint.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ThemeToggleTests(SiteFixture site)
{
    private const string Light = "rgb(255, 255, 255)", Dark = "rgb(13, 17, 23)";

    // Records the theme at the moment <body> is inserted, before anything is painted: a flash would show here.
    private const string RecordFirstPaint = """
        new MutationObserver((_, observer) => {
          if (!document.body) return;
          window.__firstBg = getComputedStyle(document.documentElement).getPropertyValue('--bg').trim();
          observer.disconnect();
        }).observe(document, { childList: true, subtree: true });
        """;

    private static Task<string> BackgroundAsync(IPage page) => page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    [Fact]
    public async Task The_system_preference_applies_until_the_reader_chooses_and_the_choice_is_kept_without_a_flash()
    {
        var context = await site.Browser.NewContextAsync(new() { BaseURL = site.Origin, ColorScheme = ColorScheme.Dark });
        try
        {
            await context.AddInitScriptAsync(RecordFirstPaint);
            var page = await context.NewPageAsync();
            await page.GotoAsync(PageTypes.Incident, new() { WaitUntil = WaitUntilState.NetworkIdle });
            var toggle = page.Locator("[data-theme-toggle]");
            Assert.Equal(Dark, await BackgroundAsync(page));
            await Assertions.Expect(toggle).ToBeVisibleAsync();
            await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");

            await toggle.ClickAsync();
            Assert.Equal(Light, await BackgroundAsync(page));
            await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
            Assert.Equal("light", await page.EvaluateAsync<string>("() => localStorage.getItem('kb-theme')"));

            // Another page: light from the first paint although the system is dark.
            await page.GotoAsync("/metrics/", new() { WaitUntil = WaitUntilState.NetworkIdle });
            Assert.Equal("#ffffff", await page.EvaluateAsync<string>("() => window.__firstBg"));
            Assert.Equal(Light, await BackgroundAsync(page));

            // And back to dark, by keyboard.
            await toggle.FocusAsync();
            await page.Keyboard.PressAsync("Space");
            Assert.Equal(Dark, await BackgroundAsync(page));
            await page.ReloadAsync(new() { WaitUntil = WaitUntilState.NetworkIdle });
            Assert.Equal("#0d1117", await page.EvaluateAsync<string>("() => window.__firstBg"));
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_light_system_gets_the_light_theme_and_the_switch_turns_it_dark()
    {
        await using var s = await site.OpenAsync("/");
        Assert.Equal(Light, await BackgroundAsync(s.Page));
        await s.Page.Locator("[data-theme-toggle]").ClickAsync();
        Assert.Equal(Dark, await BackgroundAsync(s.Page));
        Assert.Equal("dark", await s.Page.Locator("html").GetAttributeAsync("data-theme"));
        s.AssertClean();
    }

    [Fact]
    public async Task Print_uses_black_on_white_and_leaves_out_navigation_and_controls()
    {
        var context = await site.Browser.NewContextAsync(new() { BaseURL = site.Origin, ColorScheme = ColorScheme.Dark });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(PageTypes.Incident, new() { WaitUntil = WaitUntilState.NetworkIdle });
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            Assert.Equal(Light, await BackgroundAsync(page));
            Assert.Equal("rgb(0, 0, 0)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).color"));
            foreach (var hidden in new[] { ".site-header nav", ".site-search", "[data-theme-toggle]", ".site-footer", "nav.toc" })
                Assert.False(await page.Locator(hidden).First.IsVisibleAsync(), hidden + " is printed");
            foreach (var shown in new[] { "[data-summary-card]", "figure[data-timeline]", ".pm-body", ".pm-actions" })
                Assert.True(await page.Locator(shown).First.IsVisibleAsync(), shown + " is not printed");
            var pdf = await page.PdfAsync(new() { Format = "A4" });
            Assert.True(pdf.Length > 10_000);
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
