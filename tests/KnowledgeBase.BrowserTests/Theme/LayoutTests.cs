using Microsoft.Playwright;

namespace KnowledgeBase.BrowserTests.Theme;

/// <summary>The layout at a phone's 360 px and a laptop's 1280 px: nothing wider than the screen, the parts in place.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LayoutTests(SiteFixture site)
{
    private sealed record Box(double X, double Y, double Width, double Height)
    {
        public double Right => X + Width;
        public double Bottom => Y + Height;
    }

    private async Task<IPage> OpenAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
        await page.EvaluateAsync("() => document.fonts.ready");
        return page;
    }

    private static async Task<Box> BoxAsync(IPage page, string selector)
    {
        var b = await page.Locator(selector).First.BoundingBoxAsync() ?? throw new Xunit.Sdk.XunitException(selector + " is not displayed");
        return new Box(b.X, b.Y, b.Width, b.Height);
    }

    public static TheoryData<int> Widths => new() { 360, 1280 };

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task No_page_type_is_wider_than_the_screen(int width)
    {
        var context = await site.Browser.NewContextAsync(new() { BaseURL = site.Origin, ViewportSize = new() { Width = width, Height = 800 } });
        try
        {
            var problems = new List<string>();
            foreach (var (name, path) in PageTypes.All)
            {
                var page = await OpenAsync(context, path);
                var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                if (scrollWidth > width) problems.Add($"{name} ({path}) is {scrollWidth} px wide");
                // The main navigation stays visible (it wraps rather than hiding).
                var nav = await BoxAsync(page, ".site-header nav a");
                if (nav.Right > width) problems.Add($"{name}: navigation overflows");
                await page.CloseAsync();
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task On_a_phone_the_incident_page_stacks_and_the_timeline_scrolls_in_its_own_box()
    {
        var context = await site.Browser.NewContextAsync(new() { BaseURL = site.Origin, ViewportSize = new() { Width = 360, Height = 740 } });
        try
        {
            var page = await OpenAsync(context, PageTypes.Incident);
            var card = await BoxAsync(page, "[data-summary-card]");
            var toc = await BoxAsync(page, "nav.toc");
            Assert.True(toc.Y >= card.Bottom, "the contents come below the summary card");
            Assert.InRange(card.Width, 300, 360);
            var scroller = await BoxAsync(page, ".timeline-scroll");
            Assert.True(scroller.Right <= 360);
            var widths = await page.EvaluateAsync<int[]>("() => { const s = document.querySelector('.timeline-scroll'); return [s.clientWidth, s.scrollWidth]; }");
            Assert.True(widths[1] > widths[0], "the drawing keeps a readable size and scrolls sideways");
            // The type scale shrinks the title on a phone but keeps the body at 16 px.
            var h1 = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)");
            var body = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.querySelector('.pm-body p')).fontSize)");
            Assert.InRange(h1, 25, 30);
            Assert.Equal(16, body);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task On_a_wide_screen_the_contents_sit_beside_the_summary_and_the_text_keeps_a_readable_measure()
    {
        var context = await site.Browser.NewContextAsync(new() { BaseURL = site.Origin, ViewportSize = new() { Width = 1280, Height = 900 } });
        try
        {
            var page = await OpenAsync(context, PageTypes.Incident);
            var card = await BoxAsync(page, "[data-summary-card]");
            var toc = await BoxAsync(page, "nav.toc");
            Assert.True(toc.X >= card.Right, "the contents are to the right of the summary card");
            Assert.True(Math.Abs(toc.Y - card.Y) < 2, "side by side");
            var measure = await BoxAsync(page, ".pm-body p");
            Assert.InRange(measure.Width, 500, 44 * 16 + 1);
            var svg = await BoxAsync(page, "svg.timeline-svg");
            Assert.True(svg.Width > 700, "the timeline uses the width it has");
            var h1 = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)");
            Assert.InRange(h1, 32, 34);
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
