using System.Net;
using System.Text.RegularExpressions;

namespace KnowledgeBase.Rendering;

/// <summary>
/// Adds a "#" link to each section heading of a rendered body (h2–h4 with the id Markdig gave them), so a reader can
/// copy a link to one section of a post-mortem. Done on the HTML because the Markdown tree is shared with the lints.
/// </summary>
public static partial class HeadingAnchors
{
    // Markdig writes a heading on one line: <h2 id="x">…</h2>; [^\n] keeps a pathological body linear.
    [GeneratedRegex("<h([2-4]) id=\"([^\"\\n]+)\">([^\\n]*?)</h\\1>", RegexOptions.CultureInvariant)]
    private static partial Regex Heading();

    /// <param name="label">The link's accessible name, in the page's language ("Link to this section").</param>
    public static string Add(string html, string label)
    {
        var name = WebUtility.HtmlEncode(label);
        return Heading().Replace(html, m =>
            $"<h{m.Groups[1].Value} id=\"{m.Groups[2].Value}\">{m.Groups[3].Value} <a class=\"heading-anchor\" href=\"#{m.Groups[2].Value}\" aria-label=\"{name}\" data-heading-anchor><span aria-hidden=\"true\">#</span></a></h{m.Groups[1].Value}>");
    }
}
