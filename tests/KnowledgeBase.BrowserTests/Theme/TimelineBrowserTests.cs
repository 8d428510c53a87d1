using Microsoft.Playwright;

namespace KnowledgeBase.BrowserTests.Theme;

/// <summary>The visual timeline as Chromium draws it: in place, to scale, coloured by the theme, with its text alternative.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TimelineBrowserTests(SiteFixture site)
{
    [Fact]
    public async Task The_timeline_is_drawn_to_scale_with_a_text_alternative()
    {
        await using var s = await site.OpenAsync(PageTypes.Incident);
        var svg = s.Page.Locator("figure[data-timeline] svg.timeline-svg");
        await Assertions.Expect(svg).ToBeVisibleAsync();
        await Assertions.Expect(svg).ToHaveAttributeAsync("role", "img");
        // The accessible name comes from the SVG's <title>; the description lists moments and durations.
        await Assertions.Expect(svg).ToHaveAccessibleNameAsync("Наглядная хронология инцидента");
        await Assertions.Expect(svg).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("Время до устранения: 5 ч 43 мин"));

        var widths = await svg.EvaluateAsync<double[]>("""
            svg => ['time_to_detect', 'time_to_mitigate', 'time_to_resolve'].map(k => svg.querySelector(`[data-span=${k}] rect`).getBoundingClientRect().width)
            """);
        // 5 min : 78 min : 343 min, as drawn on screen.
        Assert.Equal(78.0 / 343, widths[1] / widths[2], 2);
        Assert.True(widths[0] >= 2 && widths[0] < widths[1]);
        var entries = await s.Page.Locator("circle.tl-entry").CountAsync();
        Assert.True(entries >= 10, $"{entries} entries drawn");
        s.AssertClean();
    }

    [Fact]
    public async Task The_timeline_takes_its_colours_from_the_theme()
    {
        async Task<string[]> ColoursAsync(ColorScheme scheme)
        {
            var context = await site.Browser.NewContextAsync(new() { BaseURL = site.Origin, ColorScheme = scheme });
            try
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync(PageTypes.Incident, new() { WaitUntil = WaitUntilState.NetworkIdle });
                return await page.EvaluateAsync<string[]>("""
                    () => [getComputedStyle(document.querySelector('.tl-moment text')).fill,
                           getComputedStyle(document.querySelector('[data-span=time_to_resolve] rect')).stroke]
                    """);
            }
            finally
            {
                await context.CloseAsync();
            }
        }
        var light = await ColoursAsync(ColorScheme.Light);
        var dark = await ColoursAsync(ColorScheme.Dark);
        Assert.Equal("rgb(27, 31, 36)", light[0]);
        Assert.Equal("rgb(230, 237, 243)", dark[0]);
        Assert.NotEqual(light[1], dark[1]);
    }
}
