using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using System.Text;
using Fluid;
using Fluid.Values;
using KnowledgeBase.Rendering.Views;

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
        _options.JsonSerializerOptions = JsonFilterOptions(_options.JsonSerializerOptions);
        _options.Filters.AddFilter("incident_row", IncidentRow);
    }

    /// <summary>Fails early, with the template's name, if any required template is missing or broken.</summary>
    public void Preload(IEnumerable<string> names)
    {
        foreach (var name in names) _ = Get(name);
    }

    public string Render(string name, IReadOnlyDictionary<string, object?> values)
    {
        var text = new StringBuilder();
        Render(name, values, text);
        return text.ToString();
    }

    /// <summary>Renders into a caller's builder (the layout of each page reuses one per thread).</summary>
    public void Render(string name, IReadOnlyDictionary<string, object?> values, StringBuilder text, IncidentRowCache? rows = null)
    {
        // A new StringWriter each time: Fluid may close the writer it renders into; the builder survives that.
        using var writer = new StringWriter(text, CultureInfo.InvariantCulture);
        Render(name, values, writer, rows);
    }

    /// <summary>Renders straight into a writer, so a large page never exists as one string.</summary>
    /// <param name="rows">Incident rows already rendered for this site model, shared by every page of one build.</param>
    public void Render(string name, IReadOnlyDictionary<string, object?> values, TextWriter writer, IncidentRowCache? rows = null)
    {
        var template = Get(name);
        var context = new TemplateContext(_options);
        foreach (var (key, value) in values) context.SetValue(key, FluidValue.Create(value, _options));
        if (rows is not null) context.AmbientValues[IncidentRowCache.AmbientKey] = rows;
        // Fluid's synchronous overload is obsolete; with a synchronous writer the task completes at once.
        var rendering = template.RenderAsync(writer, context, Encoder, false);
        if (!rendering.IsCompletedSuccessfully) rendering.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>
    /// <c>{{ i | incident_row }}</c>: the incident's list row, drawn by templates/incident-row.liquid with only
    /// <c>i</c>, <c>t</c>, <c>site</c> and <c>lang</c> in scope, so the same row can be reused on every list page.
    /// </summary>
    private async ValueTask<FluidValue> IncidentRow(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        if (input.ToObjectValue() is not IncidentRowView row) return NilValue.Instance;
        var lang = context.GetValue("lang").ToStringValue();
        var cache = context.AmbientValues.TryGetValue(IncidentRowCache.AmbientKey, out var found) ? found as IncidentRowCache : null;
        if (cache is not null && cache.TryGet(row, lang, out var cached)) return new StringValue(cached, false);

        var rowContext = new TemplateContext(_options);
        rowContext.SetValue("i", input);
        rowContext.SetValue("t", context.GetValue("t"));
        rowContext.SetValue("site", context.GetValue("site"));
        rowContext.SetValue("lang", lang);
        var text = new StringBuilder(1024);
        using (var writer = new StringWriter(text, CultureInfo.InvariantCulture))
            await Get("incident-row").RenderAsync(writer, rowContext, Encoder, false);
        var html = text.ToString();
        cache?.Add(row, lang, html);
        return new StringValue(html, false);
    }

    /// <summary>
    /// The <c>json</c> filter serialises template values with System.Text.Json's reflection, which a natively
    /// compiled kb has switched off by default: name the reflection resolver explicitly so a theme's
    /// <c>{{ x | json }}</c> prints the same in both builds instead of failing.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The values are the engine's own view types, which the CLI keeps whole (TrimmerRootAssembly).")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Without dynamic code the resolver reads properties by reflection; tested on the native build.")]
    private static JsonSerializerOptions JsonFilterOptions(JsonSerializerOptions fluidDefaults) =>
        new(fluidDefaults) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

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
