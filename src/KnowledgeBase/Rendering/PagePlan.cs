namespace KnowledgeBase.Rendering;

/// <summary>One page to render: where it goes, which template draws it, in which language, with what values.</summary>
/// <param name="SitePath">Site-relative URL path, e.g. <c>incidents/db/</c> (its file is <c>incidents/db/index.html</c>).</param>
public sealed record PagePlan(string SitePath, string Template, string Language, string Title, Func<IReadOnlyDictionary<string, object?>> Values);
