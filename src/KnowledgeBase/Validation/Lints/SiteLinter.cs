namespace KnowledgeBase.Validation.Lints;

/// <summary>Runs every lint over one post-mortem; each rule lives in its own file.</summary>
public static class SiteLinter
{
    public static readonly IReadOnlyList<ILintRule> Rules =
    [
        new BlamelessLanguageLint(),
        new VagueActionLint(),
        new ActionSuccessLint(),
        new ActionDueLimitLint(),
        new TimelineOrderLint(),
        new BodyTimelineLint(),
        new RequiredSectionsLint(),
        new PlaceholderLint(),
    ];

    public static IEnumerable<LintFinding> Check(LintTarget target) => Rules.SelectMany(r => r.Check(target));
}
