using KnowledgeBase.Model;
using KnowledgeBase.Reading;

namespace KnowledgeBase.Validation;

/// <summary>Every id in <c>related</c> must name an existing post-mortem.</summary>
public sealed class RelatedIdsRule : IValidationRule
{
    public IEnumerable<Diagnostic> Check(IReadOnlyList<Incident> incidents, ValidationContext context)
    {
        var ids = context.KnownIds.Order(StringComparer.Ordinal).ToList();
        var known = context.KnownIds;
        foreach (var incident in incidents)
            for (var i = 0; i < incident.Related.Count; i++)
            {
                var id = incident.Related[i];
                if (known.Contains(id)) continue;
                var p = incident.RelatedPositions[i];
                var hint = Spelling.Closest(id, ids, 3);
                yield return new Diagnostic(DiagnosticLevel.Error, incident.SourcePath, p.Line, p.Column,
                    incident.RelatedFields.ElementAtOrDefault(i) ?? $"related[{i}]",
                    hint is null ? $"no post-mortem has the id '{id}'" : $"no post-mortem has the id '{id}'; did you mean '{hint}'?");
            }
    }
}
