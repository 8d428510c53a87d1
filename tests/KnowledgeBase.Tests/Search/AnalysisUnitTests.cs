using System.Text;
using KnowledgeBase.Search;
using KnowledgeBase.Search.Analysis;

namespace KnowledgeBase.Tests.Search;

/// <summary>Known-answer tests of the analysis building blocks (expected values taken from lunr.js 2.3.9).</summary>
public sealed class AnalysisUnitTests
{
    [Theory]
    [InlineData("The primary database failed over", "primari databas fail over")]
    [InlineData("traffic loss; the database", "traffic loss databas")]
    [InlineData("  a--b\u00A0c\uFEFFd\u2013e  ", "b c d\u2013e")] // '-' and NBSP/BOM split, en dash does not; "a" is a stop word
    [InlineData("\"Quoted\" café naïve", "quot caf naïv")]
    [InlineData("Версия 2.3.9 İstanbul", " 2.3.9 i\u0307stanbul")] // Cyrillic trims to "" (kept!), İ lower-cases to i + U+0307
    public void EnglishPipelineMatchesLunr(string text, string expected)
    {
        var terms = LanguageAnalyzer.English.AnalyzeField(text);
        Assert.Equal(expected.Split(' '), terms);
    }

    [Fact]
    public void EmptyAndNullFieldsHaveNoTerms()
    {
        Assert.Empty(LanguageAnalyzer.English.AnalyzeField(null));
        Assert.Empty(LanguageAnalyzer.English.AnalyzeField(""));
        Assert.Empty(LanguageAnalyzer.English.AnalyzeField(" - \t\n"));
    }

    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("cats", "cat")]
    [InlineData("feed", "feed")]
    [InlineData("agreed", "agre")]
    [InlineData("hopping", "hop")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("cry", "cri")]
    [InlineData("abbey", "abbey")] // lunr's step 1c: y after a vowel stays (canonical Porter gives "abbei")
    [InlineData("say", "say")]
    [InlineData("relational", "relat")]
    [InlineData("conditional", "condit")]
    [InlineData("generalization", "gener")]
    [InlineData("hopefulness", "hope")]
    [InlineData("archaeology", "archaeolog")] // logi → log departure
    [InlineData("conformably", "conform")] // bli → ble departure
    [InlineData("electricity", "electr")]
    [InlineData("replacement", "replac")]
    [InlineData("adoption", "adopt")]
    [InlineData("controlling", "control")]
    [InlineData("yelling", "yell")]
    [InlineData("is", "is")]
    [InlineData("ns", "ns")]
    [InlineData("databases", "databas")]
    public void PorterStemmerMatchesLunrVariant(string word, string stem) =>
        Assert.Equal(stem, LunrPorterStemmer.Stem(word));

    [Fact]
    public void StopWordsAreExactMatchesAfterTrimming()
    {
        var en = LanguageAnalyzer.English;
        Assert.Null(en.RunBuildPipeline("the"));
        Assert.Null(en.RunBuildPipeline("(the)"));
        Assert.Equal("theori", en.RunBuildPipeline("theory"));
        Assert.Null(LanguageAnalyzer.Russian.RunBuildPipeline("это"));
        Assert.Null(LanguageAnalyzer.Russian.RunBuildPipeline("the")); // en+ru: English stop words apply too
        Assert.Equal("а", LanguageAnalyzer.Russian.RunBuildPipeline("а")); // lunr.ru lists "\uFEFFа", not "а"
        Assert.Null(LanguageAnalyzer.French.RunBuildPipeline("été"));
        Assert.Null(LanguageAnalyzer.German.RunBuildPipeline("daß"));
    }

    [Fact]
    public void TrimmersUseEachLanguageWordClass()
    {
        Assert.Equal("", LanguageAnalyzer.English.Trim("«база»"));
        Assert.Equal("база", LanguageAnalyzer.Russian.Trim("«база»"));
        Assert.Equal("postgresql", LanguageAnalyzer.Russian.Trim("(postgresql)"));
        Assert.Equal("équipe", LanguageAnalyzer.French.Trim("«équipe»,"));
        Assert.Equal("a_b", LanguageAnalyzer.English.Trim("!a_b!"));
        Assert.Equal("_a", LanguageAnalyzer.English.Trim("_a"));
        Assert.Equal("a", LanguageAnalyzer.German.Trim("_a")); // \w is not part of lunr.de's class
        Assert.Equal("2024г", LanguageAnalyzer.Russian.Trim("2024г."));
    }

    [Fact]
    public void LanguageSpecificStemming()
    {
        Assert.Equal(LanguageAnalyzer.Russian.RunSearchPipeline("базу"), LanguageAnalyzer.Russian.RunSearchPipeline("база"));
        Assert.Equal("postgresql", LanguageAnalyzer.Russian.RunSearchPipeline("postgresql"));
        Assert.Equal("databas", LanguageAnalyzer.Russian.RunSearchPipeline("databases"));
        Assert.Equal("equip", LanguageAnalyzer.French.RunSearchPipeline("équipe"));
        Assert.Equal("gross", LanguageAnalyzer.German.RunSearchPipeline("größe"));
        Assert.Equal("storung", LanguageAnalyzer.German.RunSearchPipeline("störungen"));
    }

    [Theory]
    [InlineData("ergebnisse", "ergebnis")]
    [InlineData("ergebnissen", "ergebnis")]
    [InlineData("ereignisses", "ereignis")]
    [InlineData("ergebnis", "ergebnis")]
    [InlineData("nisser", "niss")]
    public void GermanNissRuleFixesLuceneNet(string word, string stem)
    {
        Assert.Equal(stem, SnowballStemmers.German(word));
        var lucene = new Lucene.Net.Tartarus.Snowball.Ext.GermanStemmer();
        lucene.SetCurrent(word);
        lucene.Stem();
        if (word.EndsWith("nisse", StringComparison.Ordinal) || word.EndsWith("nissen", StringComparison.Ordinal))
            Assert.Equal(stem + "s", lucene.Current); // what the fix corrects
    }

    [Theory]
    [InlineData("ru", "Ёмкость ёлки", "Емкость елки")]
    [InlineData("fr", "L’équipe d'astreinte qu'on jusqu'à aujourd'hui", "équipe astreinte on à aujourd'hui")]
    [InlineData("fr", "l'l'x", "l'x")]
    [InlineData("en", "don’t", "don't")]
    [InlineData("de", "l'équipe", "l'équipe")]
    public void NormalizationMatchesTheRuntime(string lang, string text, string expected) =>
        Assert.Equal(expected, LanguageAnalyzer.For(lang).Normalize(text));

    [Theory]
    [InlineData("EN", "en")]
    [InlineData("ru-RU", "ru")]
    [InlineData("fr_CA", "fr")]
    [InlineData("de", "de")]
    [InlineData("es", "en")]
    [InlineData("", "en")]
    public void UnknownLanguagesFallBackToEnglish(string lang, string family) =>
        Assert.Equal(family, LanguageAnalyzer.For(lang).Code);

    [Theory]
    [InlineData(0.0025, 0.003)] // Math.Round would give 0.002
    [InlineData(1.2344999, 1.234)]
    [InlineData(6.9314718, 6.931)]
    [InlineData(0.1335, 0.134)]
    [InlineData(0, 0)]
    public void ScoresRoundHalfUpToThreeDecimals(double score, double expected) =>
        Assert.Equal(expected, LunrIndexBuilder.RoundHalfUp3(score));

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("q\"b\\", "\"q\\\"b\\\\\"")]
    [InlineData("\u0001\b\t\n\f\r", "\"\\u0001\\b\\t\\n\\f\\r\"")]
    [InlineData("é ё \u2028", "\"é ё \u2028\"")]
    [InlineData("\uD83D\uDE00", "\"\uD83D\uDE00\"")]
    public void StringsAreEscapedLikeJsonStringify(string s, string expected)
    {
        using var json = new JsonBytes();
        json.String(s);
        Assert.Equal(expected, Encoding.UTF8.GetString(json.WrittenSpan));
        // A vector key written in pieces (field name, '/', ref) escapes the ref the same way.
        using var pair = new JsonBytes();
        pair.String("title", '/', s);
        Assert.Equal("\"title/" + expected[1..], Encoding.UTF8.GetString(pair.WrittenSpan));
    }

    [Fact]
    public void LoneSurrogatesAreEscaped()
    {
        // (Attribute arguments cannot carry lone surrogates, hence a fact.)
        using var json = new JsonBytes();
        json.String("a" + (char)0xD83D + "b" + (char)0xDE00);
        Assert.Equal("\"a\\ud83db\\ude00\"", Encoding.UTF8.GetString(json.WrittenSpan));
    }

    [Theory]
    [InlineData("en", "The PRIMARY Database failed-over; Database’s replicas\u00A0lagged… ДАННЫЕ")]
    [InlineData("ru", "Ёлка и ЁЖИК: PostgreSQL упал — База данных «недоступна»")]
    [InlineData("fr", "L’équipe d'astreinte, QU'IL jusqu'à l'API (l'x-y) aujourd'hui")]
    [InlineData("de", "Die Ergebnisse der ÜBERPRÜFUNG: Straße-Sperrung, İstanbul")]
    [InlineData("en", "ΟΔΟΣ\uFEFFα ΣΑ Σ\uFEFF σ Σ.")]
    public void CachedAnalysisGivesTheTermsOfTheWholeTextPath(string lang, string text)
    {
        // The build splits raw text and normalises each distinct token once; the reference path normalises and
        // lower-cases the whole text first. Both must give the same terms (the cache is used twice: hits too).
        var analyzer = LanguageAnalyzer.For(lang);
        var expected = analyzer.AnalyzeField(text);
        var cache = new TokenCache();
        for (var round = 0; round < 2; round++)
        {
            var terms = new List<string>();
            var count = analyzer.AnalyzeField(text, terms.Add, cache);
            Assert.Equal(expected, terms);
            Assert.Equal(expected.Count, count);
        }
    }

    [Fact]
    public void JsLowerCaseSpecialCases()
    {
        Assert.Equal("i\u0307stanbul", JsText.ToLower("İstanbul"));
        Assert.Equal("\u03C3\u03BF\u03C6\u03BF\u03C2 \u03C3", JsText.ToLower("\u03A3\u039F\u03A6\u039F\u03A3 \u03A3"));
        Assert.Equal("\u03B1\u03C2.", JsText.ToLower("\u0391\u03A3."));
        Assert.True(JsText.IsSeparator('\uFEFF'));
        Assert.False(JsText.IsSeparator('\u0085'));
        Assert.False(JsText.IsSeparator('\u2013'));
    }

    [Theory]
    [InlineData("databas", "databs", true)]
    [InlineData("databas", "adtabas", true)]
    [InlineData("databas", "xatabas", true)]
    [InlineData("databas", "xdatabas", true)]
    [InlineData("databas", "atabas", true)]
    [InlineData("databas", "databsa", true)]
    [InlineData("databas", "dtaabsa", false)]
    [InlineData("databas", "datab", false)]
    public void WithinOneEditIsOptimalStringAlignment(string a, string b, bool expected)
    {
        Assert.Equal(expected, SearchManifestReader.WithinOneEdit(a, b));
        Assert.Equal(expected, SearchManifestReader.WithinOneEdit(b, a));
    }

    [Fact]
    public void DictionaryKeysAndChunksKeepEqualKeysTogether()
    {
        Assert.Equal("atabas", TermDictionary.Key("del0", "databas"));
        Assert.Equal("dtabas", TermDictionary.Key("del1", "databas"));
        Assert.Null(TermDictionary.Key("del1", "d"));
        var terms = new[] { "aab", "bab", "cab", "dab", "eab", "xy" }; // del0 keys: ab ×5, y
        var chunks = TermDictionary.Chunk(terms, "del0", 2);
        Assert.Equal(2, chunks.Count);
        Assert.Equal(5, chunks[0].Terms.Count);
        Assert.Equal("y", chunks[1].FirstKey);
    }
}
