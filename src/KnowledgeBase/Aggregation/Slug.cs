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
        // Nothing sluggable ("!!!", emoji): a stable hex name still gives the term its own page.
        return "x" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(normalized.Trim()))[..Math.Min(16, normalized.Trim().Length * 2)];
    }

    private static bool IsCombiningMark(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    /// <summary>The slug as it appears in an href: each non-ASCII byte percent-encoded.</summary>
    public static string Escape(string slug) => Uri.EscapeDataString(slug);
}
