using KnowledgeBase.Rendering;
using Xunit;

namespace KnowledgeBase.Tests.Unit;

/// <summary>Fluid asks the file provider for an included template every time the include runs.</summary>
public sealed class ThemeFileProviderTests
{
    [Fact]
    public void Reads_each_template_once_per_theme()
    {
        using var dir = new UnitTempDir();
        dir.Write("templates/part.liquid", "first");
        var provider = new ThemeFileProvider(new Theme([dir.Path]));

        var once = provider.GetFileInfo("part.liquid");
        dir.Write("templates/part.liquid", "second");

        Assert.Same(once, provider.GetFileInfo("part.liquid"));
        Assert.Same(provider.GetFileInfo("action-table.liquid"), provider.GetFileInfo("action-table.liquid"));
        Assert.False(provider.GetFileInfo("missing.liquid").Exists);
        // A theme change loads a new theme (ThemeBundle), which sees the new file.
        using var reader = new StreamReader(new ThemeFileProvider(new Theme([dir.Path])).GetFileInfo("part.liquid").CreateReadStream());
        Assert.Equal("second", reader.ReadToEnd());
    }
}
