using KnowledgeBase.Tests.Site;

namespace KnowledgeBase.Tests.Metrics;

/// <summary>The metrics knowledge base built once through the real CLI (as of 2026-11-23), shared by a test class.</summary>
public sealed class MetricsSiteFixture : IDisposable
{
    private readonly TempDir _dir = new();

    public MetricsSiteFixture()
    {
        Input = MetricsKnowledgeBase.Create(_dir);
        Site = BuiltSite.Build(Input, Path.Combine(_dir.Path, "out"));
        Assert.True(Site.ExitCode == 0, Site.Stderr + Site.Stdout);
    }

    public string Input { get; }
    public BuiltSite Site { get; }
    public TempDir Dir => _dir;

    public void Dispose() => _dir.Dispose();
}
