namespace KnowledgeBase.Model;

/// <summary>Site-wide settings from <c>input/site.yml</c>; every field has a sensible default.</summary>
public sealed record SiteSettings
{
    public string Title { get; init; } = "Post-mortems";
    public string Description { get; init; } = "";
    /// <summary>Where the site is served: <c>/</c>, <c>/kb/</c> or <c>https://host/kb/</c>. Always ends with '/'.</summary>
    public string BaseUrl { get; init; } = "/";
    public string DefaultLanguage { get; init; } = "en";
    /// <summary>Prefix of edit links; the source path relative to the input folder is appended.</summary>
    public string? EditUrl { get; init; }
    public IReadOnlyList<string> Severities { get; init; } = ["SEV1", "SEV2", "SEV3", "SEV4"];

    /// <summary>The path part of <see cref="BaseUrl"/>, e.g. <c>/kb/</c>: what every internal link starts with.</summary>
    public string BasePath => Uri.TryCreate(BaseUrl, UriKind.Absolute, out var abs) && abs.Scheme is "http" or "https"
        ? abs.AbsolutePath
        : BaseUrl;

    /// <summary>Normalises a user-given base URL: ensures leading (for paths) and trailing slashes.</summary>
    public static string NormalizeBaseUrl(string value)
    {
        var v = value.Trim();
        if (v.Length == 0) return "/";
        var isAbsolute = v.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || v.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        if (!isAbsolute && !v.StartsWith('/')) v = "/" + v;
        if (!v.EndsWith('/')) v += "/";
        return v;
    }
}
