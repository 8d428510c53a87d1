using KnowledgeBase.Rendering;
using KnowledgeBase.Rendering.Views;
using Xunit;

namespace KnowledgeBase.Tests.Unit;

/// <summary>An incident's list row is rendered once per build and reused on every list page that shows it.</summary>
public sealed class IncidentRowCacheTests
{
    private static IncidentRowView Row(string id, string title) => new(id, $"/incidents/{id}/", title, "2024-03-14", "2024", "SEV2", "sev2",
        "/severity/sev2/", "Summary of " + title, "en", [new LinkView("api", "/services/api/")], [new LinkView("tls", "/tags/tls/")],
        1, 2, 0, 1, 50, "api", "tls");

    private static Dictionary<string, object?> Values(UiStrings strings, params IncidentRowView[] rows) => new()
    {
        ["incidents"] = rows,
        ["t"] = strings.For("en"),
        ["site"] = new { Base = "/", Title = "KB" },
        ["lang"] = "en",
        ["page_title"] = "Tags: tls",
    };

    [Fact]
    public void Each_row_is_rendered_once_and_the_table_is_the_same_as_without_the_cache()
    {
        var theme = new Theme([]);
        var (engine, strings) = (new TemplateEngine(theme), new UiStrings(theme));
        var (a, b, c) = (Row("a", "Alpha"), Row("b", "Beta <&>"), Row("c", "Gamma"));
        var cache = new IncidentRowCache();

        var first = engine.Render("incident-table", Values(strings, a, b));
        var cachedFirst = Render(engine, "incident-table", Values(strings, a, b), cache);
        var cachedSecond = Render(engine, "incident-table", Values(strings, b, c), cache);

        Assert.Equal(first, cachedFirst);
        Assert.Equal(engine.Render("incident-table", Values(strings, b, c)), cachedSecond);
        Assert.Equal(3, cache.Count);
        Assert.Contains("<tr data-incident=\"b\"", cachedSecond);
        Assert.Contains("Beta &lt;&amp;&gt;", cachedSecond);
        Assert.True(cache.TryGet(b, "en", out var html) && cachedFirst.Contains(html, StringComparison.Ordinal));
    }

    [Fact]
    public void A_theme_row_template_sees_only_the_row_the_words_the_site_and_the_language()
    {
        using var dir = new UnitTempDir();
        dir.Write("templates/incident-row.liquid", "<tr><td>{{ i.title }}|{{ t.date }}|{{ site.title }}|{{ lang }}|{{ page_title }}</td></tr>");
        var theme = new Theme([dir.Path]);
        var engine = new TemplateEngine(theme);

        var html = Render(engine, "incident-table", Values(new UiStrings(theme), Row("a", "Alpha")), new IncidentRowCache());

        // page_title differs between the pages a row appears on, so the row template must not see it.
        Assert.Contains("<tr><td>Alpha|Date|KB|en|</td></tr>", html);
    }

    [Fact]
    public void A_row_is_cached_per_language()
    {
        var theme = new Theme([]);
        var (engine, strings) = (new TemplateEngine(theme), new UiStrings(theme));
        var row = Row("a", "Alpha");
        var cache = new IncidentRowCache();
        var english = Values(strings, row);
        var russian = new Dictionary<string, object?>(english) { ["t"] = strings.For("ru"), ["lang"] = "ru" };
        row = row with { ActionsOverdue = 1 };
        english["incidents"] = russian["incidents"] = new[] { row };

        var en = Render(engine, "incident-table", english, cache);
        var ru = Render(engine, "incident-table", russian, cache);

        Assert.Equal(2, cache.Count);
        Assert.Contains(strings.Get("en", "status_overdue"), en);
        Assert.Contains(strings.Get("ru", "status_overdue"), ru);
    }

    private static string Render(TemplateEngine engine, string name, IReadOnlyDictionary<string, object?> values, IncidentRowCache cache)
    {
        var text = new System.Text.StringBuilder();
        engine.Render(name, values, text, cache);
        return text.ToString();
    }
}
