using KnowledgeBase.Model;

namespace KnowledgeBase.Validation.Lints;

/// <summary>
/// One finding of <c>kb check</c>: a located <see cref="Diagnostic"/>, the rule that produced it and, where the
/// rule can offer one, a suggested rewording.
/// </summary>
/// <param name="Rule">Stable rule id such as <c>blameless</c> or <c>vague-action</c>; <c>validation</c> for the checks of <c>kb build</c>.</param>
public sealed record LintFinding(string Rule, Diagnostic Diagnostic, string? Suggestion = null)
{
    /// <summary>The rule id of every diagnostic that comes from the build's own validation.</summary>
    public const string ValidationRule = "validation";

    public bool IsError => Diagnostic.IsError;

    /// <summary>The same finding as an error (what <c>--strict</c> makes of warnings).</summary>
    public LintFinding AsError() => IsError ? this : this with { Diagnostic = Diagnostic with { Level = DiagnosticLevel.Error } };
}
