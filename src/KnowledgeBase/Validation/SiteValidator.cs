using KnowledgeBase.Model;

namespace KnowledgeBase.Validation;

/// <summary>Runs every cross-file rule; each rule lives in its own file.</summary>
public static class SiteValidator
{
    public static readonly IReadOnlyList<IValidationRule> Rules =
        [new UniqueIdRule(), new RelatedIdsRule(), new OnboardingOrderRule()];

    public static IReadOnlyList<Diagnostic> Check(IReadOnlyList<Incident> incidents) =>
        Rules.SelectMany(r => r.Check(incidents)).ToList();
}
