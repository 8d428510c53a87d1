using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;
using Fluid.Values;

namespace KnowledgeBase.Rendering;

/// <summary>
/// Parses each theme template once and renders pages with Fluid. Values are HTML-escaped by default; only
/// HTML the engine produced itself (the rendered Markdown) is marked raw in templates.
/// </summary>
public sealed class TemplateEngine
{
    // Escapes markup characters but leaves Cyrillic and accented letters readable in the HTML source.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly FluidParser _parser = new();
    private readonly TemplateOptions _options;
    private readonly Theme _theme;
    private readonly ConcurrentDictionary<string, Lazy<IFluidTemplate>> _templates = new(StringComparer.Ordinal);

    public TemplateEngine(Theme theme)
    {
        _theme = theme;
        _options = new TemplateOptions
        {
            CultureInfo = CultureInfo.InvariantCulture,
            TimeZone = TimeZoneInfo.Utc,
            FileProvider = new ThemeFileProvider(theme),
            MemberAccessStrategy = new UnsafeMemberAccessStrategy { MemberNameStrategy = MemberNameStrategies.SnakeCase },
        };
    }

    /// <summary>Fails early, with the template's name, if any required template is missing or broken.</summary>
    public void Preload(IEnumerable<string> names)
    {
        foreach (var name in names) _ = Get(name);
    }

    public string Render(string name, IReadOnlyDictionary<string, object?> values)
    {
        using var writer = new StringWriter();
        Render(name, values, writer);
        return writer.ToString();
    }

    /// <summary>Renders straight into a writer, so a large page never exists as one string.</summary>
    public void Render(string name, IReadOnlyDictionary<string, object?> values, TextWriter writer)
    {
        var template = Get(name);
        var context = new TemplateContext(_options);
        foreach (var (key, value) in values) context.SetValue(key, FluidValue.Create(value, _options));
        // Fluid's synchronous overload is obsolete; with a synchronous writer the task completes at once.
        var rendering = template.RenderAsync(writer, context, Encoder, false);
        if (!rendering.IsCompletedSuccessfully) rendering.AsTask().GetAwaiter().GetResult();
    }

    private IFluidTemplate Get(string name) =>
        _templates.GetOrAdd(name, n => new Lazy<IFluidTemplate>(() => Parse(n))).Value;

    private IFluidTemplate Parse(string name)
    {
        var path = $"templates/{name}.liquid";
        var source = _theme.ReadText(path) ?? throw new ThemeException($"theme template '{path}' not found");
        if (!_parser.TryParse(source, out var template, out var error))
            throw new ThemeException($"theme template '{path}': {error}");
        return template;
    }
}
