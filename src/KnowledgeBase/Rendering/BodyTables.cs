using System.Net;
using System.Text.RegularExpressions;

namespace KnowledgeBase.Rendering;

/// <summary>
/// Wraps each table of a rendered body in a box that scrolls sideways on a narrow screen. The box can take keyboard
/// focus and is a named region, so a reader without a mouse can scroll it too (WCAG 2.1.1; axe's
/// scrollable-region-focusable).
/// </summary>
public static partial class BodyTables
{
    [GeneratedRegex("<table(?=[\\s>])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex TableStart();

    [GeneratedRegex("</table\\s*>", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex TableEnd();

    /// <param name="label">The boxes' accessible name in the page's language, numbered ("Table 2") so each region's is unique.</param>
    public static string Wrap(string html, string label)
    {
        if (!html.Contains("<table", StringComparison.OrdinalIgnoreCase)) return html;
        var name = WebUtility.HtmlEncode(label);
        var n = 0;
        var opened = TableStart().Replace(html, _ => $"<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{name} {++n}\"><table");
        return TableEnd().Replace(opened, "</table></div>");
    }
}
