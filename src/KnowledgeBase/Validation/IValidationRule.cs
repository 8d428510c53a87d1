using KnowledgeBase.Model;

namespace KnowledgeBase.Validation;

/// <summary>What rules may know beyond the valid incidents.</summary>
/// <param name="KnownIds">Ids of every post-mortem file, including those with errors of their own.</param>
public sealed record ValidationContext(IReadOnlySet<string> KnownIds);

/// <summary>A check that needs the whole set of post-mortems (field checks happen while reading each file).</summary>
public interface IValidationRule
{
    IEnumerable<Diagnostic> Check(IReadOnlyList<Incident> incidents, ValidationContext context);
}
