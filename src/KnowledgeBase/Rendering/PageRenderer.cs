using KnowledgeBase.Model;

namespace KnowledgeBase.Rendering;

/// <summary>Renders a planned page: its own template first, then the layout around it.</summary>
public sealed class PageRenderer(TemplateEngine engine, UiStrings strings, SiteSettings settings, SiteUrls urls, DateOnly asOf)
{
    private readonly object _site = new
    {
        Title = settings.Title,
        Description = settings.Description,
        Base = urls.Base,
        BaseUrl = settings.BaseUrl,
        AsOf = asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        DefaultLang = settings.DefaultLanguage,
    };

    public string Render(PagePlan page)
    {
        var words = strings.For(page.Language);
        var values = new Dictionary<string, object?>(page.Values())
        {
            ["site"] = _site,
            ["t"] = words,
            ["lang"] = page.Language,
            ["page_title"] = page.Title,
            ["page_path"] = page.SitePath,
        };
        var content = engine.Render(page.Template, values);
        values["content"] = content;
        values["template"] = page.Template;
        return engine.Render("layout", values);
    }
}
