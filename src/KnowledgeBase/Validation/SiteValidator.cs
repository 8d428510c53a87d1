using KnowledgeBase.Model;

namespace KnowledgeBase.Validation;

/// <summary>Runs every cross-file rule; each rule lives in its own file.</summary>
public static class SiteValidator
{
    public static readonly IReadOnlyList<IValidationRule> Rules =
        [new UniqueIdRule(), new RelatedIdsRule(), new OnboardingOrderRule()];

    public static IReadOnlyList<Diagnostic> Check(IReadOnlyList<Incident> incidents, IEnumerable<string>? otherKnownIds = null)
    {
        var known = incidents.Select(i => i.Id).Concat(otherKnownIds ?? []).ToHashSet(StringComparer.Ordinal);
        var context = new ValidationContext(known);
        return Rules.SelectMany(r => r.Check(incidents, context)).ToList();
    }
}
