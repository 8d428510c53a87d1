using System.Text.RegularExpressions;

namespace KnowledgeBase.Validation.Lints;

/// <summary>Unfilled placeholders (<c>TODO: …</c>, as written by <c>kb new</c>) in the front matter (values and comments) or the body.</summary>
public sealed class PlaceholderLint : ILintRule
{
    public string Id => "placeholder";

    public IEnumerable<LintFinding> Check(LintTarget target)
    {
        foreach (Match m in Placeholders.Pattern().Matches(target.FrontMatter.Yaml))
        {
            var at = target.Locator.PositionOf(target.FrontMatter.Offset + m.Index);
            yield return Finding(target, m, at, target.FrontMatter.FieldOnLine(at.Line));
        }
        foreach (Match m in Placeholders.Pattern().Matches(target.BodyProse))
            yield return Finding(target, m, target.BodyPosition(m.Index), "body");
    }

    private LintFinding Finding(LintTarget target, Match m, Model.SourcePosition at, string field)
    {
        var text = m.Value.Trim();
        if (text.Length > 70) text = text[..70].TrimEnd() + "…";
        return target.Warning(Id, at, field, $"unfilled placeholder \"{text}\": replace it with the facts, or remove it");
    }
}
