using System.Text.RegularExpressions;

namespace KnowledgeBase.Validation.Lints;

/// <summary>
/// Blameless wording: flags a person named as the cause ("X forgot", "human error", "по вине", "a oublié",
/// "menschliches Versagen"…) in the body and in the front matter's prose, at the exact line and column, with a
/// system-focused rewording. All four languages are checked in every post-mortem, since quotes cross languages.
/// </summary>
public sealed partial class BlamelessLanguageLint : ILintRule
{
    public string Id => "blameless";

    public IEnumerable<LintFinding> Check(LintTarget target)
    {
        foreach (var (path, node) in target.FrontMatter.Prose())
        {
            var (raw, offset) = target.FrontMatter.RawText(node);
            foreach (var finding in Scan(target, raw, offset, path)) yield return finding;
        }
        foreach (var finding in Scan(target, target.BodyProse, target.BodyOffset, "body")) yield return finding;
    }

    private IEnumerable<LintFinding> Scan(LintTarget target, string text, int fileOffset, string field)
    {
        // A word two languages share ("inattention") is reported once, with the suggestion in the post-mortem's language.
        var language = target.Incident.Language;
        var matches = BlamelessPhrases.All
            .SelectMany(phrase => phrase.Pattern.Matches(text).Select(m => (Phrase: phrase, Match: m)))
            .GroupBy(x => x.Match.Index)
            .Select(g => g.OrderByDescending(x => language.StartsWith(x.Phrase.Language, StringComparison.OrdinalIgnoreCase)).First())
            .OrderBy(x => x.Match.Index);
        foreach (var (phrase, m) in matches)
        {
            var words = Whitespace().Replace(m.Value, " ");
            yield return target.Warning(Id, target.Locator.PositionOf(fileOffset + m.Index), field,
                $"\"{words}\" {phrase.Kind}: in a blameless review the cause is a gap in the system, not a person",
                phrase.Suggestion);
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
