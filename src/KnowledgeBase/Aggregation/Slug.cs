using System.Text;

namespace KnowledgeBase.Aggregation;

/// <summary>URL slugs that keep Unicode letters ("база данных" → "база-данных") and merge case variants.</summary>
public static class Slug
{
    public static string From(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(normalized.Length);
        var pendingDash = false;
        foreach (var rune in normalized.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune) || IsCombiningMark(rune))
            {
                if (pendingDash && sb.Length > 0) sb.Append('-');
                pendingDash = false;
                sb.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else pendingDash = true;
        }
        if (sb.Length > 0) return sb.ToString();
        // Nothing sluggable ("!!!", emoji): a stable hex name still gives the term its own page. Short texts spell
        // out their UTF-8 bytes in full, longer ones are hashed, so two different texts never share a page.
        var bytes = Encoding.UTF8.GetBytes(normalized.Trim());
        return "x" + (bytes.Length <= 8
            ? Convert.ToHexStringLower(bytes)
            : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..16]);
    }

    private static bool IsCombiningMark(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    /// <summary>The slug as it appears in an href: each non-ASCII byte percent-encoded.</summary>
    public static string Escape(string slug) => Uri.EscapeDataString(slug);

    /// <summary>A slash-separated path with each segment percent-encoded (the slashes stay).</summary>
    public static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
