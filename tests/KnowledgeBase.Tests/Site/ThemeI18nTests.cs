using YamlDotNet.RepresentationModel;

namespace KnowledgeBase.Tests.Site;

/// <summary>Every interface word of the default theme exists in all four languages (English would otherwise fill in silently).</summary>
public sealed class ThemeI18nTests
{
    private static HashSet<string> Keys(string language)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(RepoPaths.Root, "themes", "default", "i18n", language + ".yml"))));
        var map = (YamlMappingNode)yaml.Documents[0].RootNode;
        return map.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet(StringComparer.Ordinal);
    }

    [Theory]
    [InlineData("ru")]
    [InlineData("fr")]
    [InlineData("de")]
    public void Every_english_key_is_translated_and_no_other(string language)
    {
        var english = Keys("en");
        var other = Keys(language);
        Assert.Empty(english.Except(other).Order(StringComparer.Ordinal));
        Assert.Empty(other.Except(english).Order(StringComparer.Ordinal));
        Assert.Contains("timeline_visual", other);
        Assert.Contains("theme_dark", other);
    }
}
