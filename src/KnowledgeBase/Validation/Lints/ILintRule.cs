namespace KnowledgeBase.Validation.Lints;

/// <summary>
/// A style check of one post-mortem that <c>kb check</c> runs on top of the build's validation. Lints report
/// warnings (errors under <c>--strict</c>); each rule lives in its own file.
/// </summary>
public interface ILintRule
{
    /// <summary>The stable id shown in every finding (text, GitHub annotation title, JSON <c>rule</c>).</summary>
    string Id { get; }

    IEnumerable<LintFinding> Check(LintTarget target);
}
