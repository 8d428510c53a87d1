using KnowledgeBase.Model;

namespace KnowledgeBase.Validation;

/// <summary>Two incidents at the same step of the reading path leave their order to chance.</summary>
public sealed class OnboardingOrderRule : IValidationRule
{
    public IEnumerable<Diagnostic> Check(IReadOnlyList<Incident> incidents, ValidationContext context)
    {
        foreach (var group in incidents.Where(i => i.Onboarding is not null && i.Status == IncidentStatus.Published)
                     .GroupBy(i => i.Onboarding!.Value).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var dup in group.Skip(1))
                yield return new Diagnostic(DiagnosticLevel.Warning, dup.SourcePath, dup.OnboardingPosition.Line, dup.OnboardingPosition.Column, "onboarding",
                    $"onboarding step {group.Key} is also taken by {first.SourcePath}; give each step its own number");
        }
    }
}
