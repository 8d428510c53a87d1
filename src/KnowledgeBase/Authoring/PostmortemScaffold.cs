using System.Globalization;
using System.Text;
using KnowledgeBase.Model;
using KnowledgeBase.Reading;
using KnowledgeBase.Rendering;

namespace KnowledgeBase.Authoring;

public sealed record ScaffoldOptions
{
    public required string InputDir { get; init; }
    public required string Title { get; init; }
    /// <summary>Template language; default: the site's default language if there is a template for it, else English.</summary>
    public string? Language { get; init; }
    /// <summary>Default: the second-lowest severity of the site (SEV3 with the default list).</summary>
    public string? Severity { get; init; }
    /// <summary>Default: derived from the title.</summary>
    public string? Id { get; init; }
    /// <summary>Default: today.</summary>
    public DateOnly? Date { get; init; }
    /// <summary>Theme folders that may override the archetypes (highest priority first).</summary>
    public IReadOnlyList<string> ThemeDirs { get; init; } = [];
}

/// <param name="Path">Where the file was written.</param>
/// <param name="RelativePath">Relative to the input folder, forward slashes.</param>
public sealed record ScaffoldResult(string Path, string RelativePath, string Id, string Language, string Severity);

/// <summary>Why <c>kb new</c> wrote nothing.</summary>
/// <param name="IsUsage">A bad option value (exit 2) rather than a conflict with what exists (exit 1).</param>
public sealed class ScaffoldException(string message, bool isUsage) : Exception(message)
{
    public bool IsUsage { get; } = isUsage;
}

/// <summary>
/// <c>kb new</c>: writes <c>postmortems/&lt;yyyy&gt;/&lt;id&gt;.md</c> from the archetype of the chosen language
/// (<c>archetypes/&lt;lang&gt;.md</c> of the theme: en, ru, fr and de are built in, a site may add or override
/// them). The archetype's tokens <c>{{title}}</c> (a quoted YAML string), <c>{{date}}</c>, <c>{{due}}</c> (four weeks
/// after the date), <c>{{severity}}</c>, <c>{{id}}</c>, <c>{{lang}}</c> and <c>{{year}}</c> are filled in; everything
/// the author still has to write is marked <c>TODO:</c>, which <c>kb check</c> reports until it is gone.
/// Never overwrites a file and never reuses an id.
/// </summary>
public static class PostmortemScaffold
{
    public static readonly IReadOnlyList<string> BuiltInLanguages = ["en", "ru", "fr", "de"];

    /// <summary>Days between the incident date and the due date of the archetype's first action.</summary>
    public const int FirstActionDueDays = 28;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static ScaffoldResult Create(ScaffoldOptions options)
    {
        var settings = File.Exists(Path.Combine(options.InputDir, SiteSettingsReader.FileName))
            ? SiteSettingsReader.Read(options.InputDir, new List<Diagnostic>())
            : new SiteSettings();
        var theme = new Theme(options.ThemeDirs);

        var title = options.Title.Trim();
        if (title.Length == 0) throw new ScaffoldException("the title is empty; give the incident's headline, e.g. kb new \"Checkout down after a certificate expired\"", true);

        var language = options.Language ?? DefaultLanguage(theme, settings);
        // The language names a theme file: only a language code may get that far.
        var archetype = IsLanguageCode(language) ? theme.ReadText($"archetypes/{language}.md") : null;
        if (archetype is null)
            throw new ScaffoldException($"there is no template for language '{language}'; use one of {string.Join(", ", Available(theme))}", true);

        var severity = options.Severity ?? settings.Severities[Math.Max(0, settings.Severities.Count - 2)];
        if (!settings.Severities.Contains(severity, StringComparer.Ordinal))
            throw new ScaffoldException($"severity '{severity}' is not one of {string.Join(", ", settings.Severities)}", true);

        var id = options.Id;
        if (id is null)
        {
            id = PostmortemId.FromTitle(title, language)
                ?? throw new ScaffoldException($"cannot derive an id from the title \"{title}\"; give one with --id (lower-case letters, digits and hyphens)", true);
        }
        else if (!PostmortemId.IsValid(id))
            throw new ScaffoldException($"--id '{id}' is not a valid id: use lower-case letters, digits and hyphens, starting with a letter or digit ([a-z0-9][a-z0-9-]*)", true);

        var date = options.Date ?? DateOnly.FromDateTime(DateTime.Today);
        var year = date.Year.ToString("D4", CultureInfo.InvariantCulture);
        var relative = $"{InputScanner.PostmortemsFolder}/{year}/{id}.md";
        var path = Path.Combine(options.InputDir, InputScanner.PostmortemsFolder, year, id + ".md");
        if (File.Exists(path))
            throw new ScaffoldException($"{relative} already exists; kb new never overwrites a post-mortem (edit that file, or choose another --id)", false);
        if (ExistingFileWithId(options.InputDir, id, settings) is { } other)
            throw new ScaffoldException($"the id '{id}' is already used by {other}; choose another with --id", false);

        var text = Fill(archetype, new Dictionary<string, string>
        {
            ["title"] = YamlQuoted(title),
            ["date"] = IsoDate.Format(date),
            ["due"] = IsoDate.Format(date.AddDays(FirstActionDueDays)),
            ["severity"] = severity,
            ["id"] = id,
            ["lang"] = language,
            ["year"] = year,
        });

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            // CreateNew: even a file that appeared since the check above is never overwritten.
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            stream.Write(Utf8.GetBytes(text));
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new ScaffoldException($"{relative} already exists; kb new never overwrites a post-mortem", false);
        }
        return new ScaffoldResult(path, relative, id, language, severity);
    }

    /// <summary>
    /// Replaces <c>{{name}}</c> tokens (unknown tokens stay as they are). On a line with a trailing
    /// <c># comment</c>, the comment keeps its column, so the template's aligned comments stay aligned.
    /// </summary>
    public static string Fill(string archetype, IReadOnlyDictionary<string, string> values)
    {
        var lines = archetype.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (!line.Contains("{{", StringComparison.Ordinal)) continue;
            var comment = line.IndexOf(" #", StringComparison.Ordinal);
            var (code, rest) = comment > 0 ? (line[..comment].TrimEnd(), line[(comment + 1)..].TrimStart()) : (line, "");
            var column = comment > 0 ? comment + 1 + (line.Length - comment - 1 - line[(comment + 1)..].TrimStart().Length) : 0;
            foreach (var (name, value) in values)
            {
                code = code.Replace("{{" + name + "}}", value, StringComparison.Ordinal);
                rest = rest.Replace("{{" + name + "}}", value, StringComparison.Ordinal);
            }
            lines[i] = rest.Length == 0 ? code : code.PadRight(Math.Max(column, code.Length + 1)) + rest;
        }
        return string.Join('\n', lines);
    }

    /// <summary>A YAML double-quoted scalar: safe for any title (colons, quotes, '#', leading dashes…).</summary>
    public static string YamlQuoted(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c)) sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    private static bool IsLanguageCode(string language) =>
        System.Text.RegularExpressions.Regex.IsMatch(language, "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$");

    /// <summary>The site's default language when the theme has a template for it, else English.</summary>
    private static string DefaultLanguage(Theme theme, SiteSettings settings)
    {
        if (!IsLanguageCode(settings.DefaultLanguage)) return "en";
        using var stream = theme.Open($"archetypes/{settings.DefaultLanguage}.md");
        return stream is null ? "en" : settings.DefaultLanguage;
    }

    private static IEnumerable<string> Available(Theme theme) =>
        theme.List("archetypes").Where(p => p.EndsWith(".md", StringComparison.Ordinal))
            .Select(p => Path.GetFileNameWithoutExtension(p)).Order(StringComparer.Ordinal);

    private static string? ExistingFileWithId(string inputDir, string id, SiteSettings settings)
    {
        foreach (var file in InputScanner.FindPostmortems(inputDir))
        {
            var ignored = new List<Diagnostic>();
            if (InputScanner.Read(inputDir, file, ignored) is not { } source) continue;
            if (IncidentReader.ReadPartial(source, settings, ignored).ClaimedId == id) return source.RelativePath;
        }
        return null;
    }
}
