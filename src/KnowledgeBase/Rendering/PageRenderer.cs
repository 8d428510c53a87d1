using System.Text;
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
        AsOf = IsoDate.Format(asOf),
        DefaultLang = settings.DefaultLanguage,
    };

    // Every list row of this build's site model, rendered once (see IncidentRowCache).
    private readonly IncidentRowCache _rows = new();

    // The layout of each page is rendered into this builder, reused by the thread (pages render in parallel).
    [ThreadStatic] private static StringBuilder? _layout;

    // Stands in for the page's content while the layout is rendered; never appears in real text.
    private const string ContentMarker = "\u0001kb-page-content\u0001";

    /// <summary>
    /// Writes the layout around the page: the layout is rendered with a marker where the content goes, and the
    /// page's own template is rendered straight into the output between the two halves.
    /// </summary>
    public void Render(PagePlan page, TextWriter output)
    {
        var words = strings.For(page.Language);
        var values = new Dictionary<string, object?>(page.Values())
        {
            ["site"] = _site,
            ["t"] = words,
            ["lang"] = page.Language,
            ["page_title"] = page.Title,
            ["page_path"] = page.SitePath,
            ["template"] = page.Template,
            ["content"] = ContentMarker,
        };
        var buffer = _layout ??= new StringBuilder(16 * 1024);
        buffer.Clear();
        engine.Render("layout", values, buffer, _rows);
        var layout = buffer.ToString();
        var at = layout.IndexOf(ContentMarker, StringComparison.Ordinal);
        if (at < 0) throw new ThemeException("theme template 'templates/layout.liquid' must output {{ content | raw }} once");
        output.Write(layout.AsSpan(0, at));
        engine.Render(page.Template, values, output, _rows);
        output.Write(layout.AsSpan(at + ContentMarker.Length));
    }
}
