namespace KnowledgeBase.Reading;

/// <summary>Decides whether an author-supplied URL may become a link: http(s), mailto and relative only.</summary>
public static class SafeUrl
{
    public static bool IsAllowed(string url)
    {
        var trimmed = url.Trim();
        if (trimmed.Length == 0) return false;
        // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so reject them outright.
        foreach (var c in trimmed)
            if (char.IsControl(c)) return false;
        var colon = trimmed.IndexOf(':');
        var firstDelimiter = trimmed.IndexOfAny(['/', '?', '#']);
        var hasScheme = colon > 0 && (firstDelimiter < 0 || colon < firstDelimiter);
        // Relative and protocol-relative URLs stay on http(s).
        if (!hasScheme) return true;
        var scheme = trimmed[..colon].ToLowerInvariant();
        return scheme is "http" or "https" or "mailto";
    }

    /// <summary>An absolute http(s) URL, as required for tracker links.</summary>
    public static bool IsAbsoluteHttp(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var u) && u.Scheme is "http" or "https";
}
