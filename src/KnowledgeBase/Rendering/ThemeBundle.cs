namespace KnowledgeBase.Rendering;

/// <summary>
/// The theme as one loaded unit (files, parsed templates, interface words), replaced whole when a theme file
/// changes, so a page is never rendered from a mix of old and new templates.
/// </summary>
public sealed class ThemeBundle
{
    private ThemeBundle(Theme theme)
    {
        Theme = theme;
        Engine = new TemplateEngine(theme);
        Strings = new UiStrings(theme);
    }

    public Theme Theme { get; }
    public TemplateEngine Engine { get; }
    public UiStrings Strings { get; }

    /// <summary>Loads and checks every template and the words of the given languages now, so a broken theme is a reported error, not a failed page.</summary>
    /// <exception cref="ThemeException">A template is missing or does not parse, or an i18n file is broken.</exception>
    public static ThemeBundle Load(IReadOnlyList<string> themeDirs, IEnumerable<string> languages)
    {
        var bundle = new ThemeBundle(new Theme(themeDirs));
        bundle.Engine.Preload(PagePlanner.Templates);
        foreach (var language in languages.Append(UiStrings.Fallback).Distinct(StringComparer.Ordinal)) bundle.Strings.For(language);
        return bundle;
    }
}
