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
    /// <summary>
    /// <c>trust_html: true</c> passes raw HTML in post-mortem bodies through unchanged; by default it is sanitized
    /// (no script, event handlers, styles, frames, or javascript:/data: URLs).
    /// </summary>
    public bool TrustHtml { get; init; }

    /// <summary>
    /// Days after the incident date within which an action of a post-mortem of that severity should be due
    /// (<c>action_due_limits</c> in site.yml; <c>kb check</c> warns beyond it). Severities without an entry have no limit.
    /// </summary>
    public IReadOnlyDictionary<string, int> ActionDueLimits { get; init; } = DefaultActionDueLimits;

    /// <summary>Eight weeks for SEV1 and SEV2.</summary>
    public static readonly IReadOnlyDictionary<string, int> DefaultActionDueLimits =
        new Dictionary<string, int>(StringComparer.Ordinal) { ["SEV1"] = 56, ["SEV2"] = 56 };

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
