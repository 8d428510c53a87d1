using KnowledgeBase.Model;

namespace KnowledgeBase.Validation;

/// <summary>Ids are URLs: two files with one id would overwrite each other's page.</summary>
public sealed class UniqueIdRule : IValidationRule
{
    public IEnumerable<Diagnostic> Check(IReadOnlyList<Incident> incidents, ValidationContext context)
    {
        foreach (var group in incidents.GroupBy(i => i.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var dup in group.Skip(1))
                yield return new Diagnostic(DiagnosticLevel.Error, dup.SourcePath, dup.IdPosition.Line, dup.IdPosition.Column, "id",
                    $"id '{dup.Id}' is already used by {first.SourcePath}; ids must be unique across the site");
        }
    }
}
