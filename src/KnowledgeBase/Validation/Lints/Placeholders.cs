using System.Text.RegularExpressions;

namespace KnowledgeBase.Validation.Lints;

/// <summary>
/// The placeholder marker that <c>kb new</c> writes wherever the author still has to fill something in:
/// <c>TODO:</c> in capitals, followed by a hint (in front-matter values and comments and in the body).
/// </summary>
public static partial class Placeholders
{
    public const string Marker = "TODO:";

    /// <summary>A marker and the hint after it, up to the end of the line (or a closing quote).</summary>
    [GeneratedRegex(@"(?<![\w])TODO:[^\r\n""]*", RegexOptions.CultureInvariant)]
    public static partial Regex Pattern();
}
