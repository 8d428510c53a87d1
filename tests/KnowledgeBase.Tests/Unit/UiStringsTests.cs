using KnowledgeBase.Rendering;
using Xunit;

namespace KnowledgeBase.Tests.Unit;

public sealed class UiStringsTests
{
    [Fact]
    public void A_regional_or_upper_case_tag_gets_the_words_of_its_language_and_repeated_lookups_share_them()
    {
        var strings = new UiStrings(new Theme([]));

        var german = strings.For("de");

        Assert.Same(german, strings.For("de-AT"));
        Assert.Same(german, strings.For("DE"));
        Assert.Same(german, strings.For("de-AT"));
        Assert.Equal(german["lessons"], strings.Get("de-CH", "lessons"));
        Assert.NotEqual(strings.Get("en", "lessons"), strings.Get("de-AT", "lessons"));
        Assert.Equal("no_such_word", strings.Get("de", "no_such_word"));
    }
}
