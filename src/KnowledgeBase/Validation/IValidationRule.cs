using KnowledgeBase.Model;

namespace KnowledgeBase.Validation;

/// <summary>A check that needs the whole set of post-mortems (field checks happen while reading each file).</summary>
public interface IValidationRule
{
    IEnumerable<Diagnostic> Check(IReadOnlyList<Incident> incidents);
}
