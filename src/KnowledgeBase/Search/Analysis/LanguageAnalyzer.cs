using System.Text;
using System.Text.RegularExpressions;

namespace KnowledgeBase.Search.Analysis;

/// <summary>
/// One language family's text analysis, reproducing the lunr / lunr-languages 1.22.0 pipelines:
/// <list type="table">
/// <item><term>en</term><description>build: trimmer, stopWordFilter, stemmer — search: <c>["stemmer"]</c></description></item>
/// <item><term>ru</term><description><c>lunr.multiLanguage('en','ru')</c> build: lunr-multi-trimmer-en-ru, stopWordFilter-ru,
/// stopWordFilter, stemmer, stemmer-ru — search: <c>["stemmer","stemmer-ru"]</c> (Latin terms such as PostgreSQL survive)</description></item>
/// <item><term>fr</term><description>build: trimmer-fr, stopWordFilter-fr, accentFold-fr, stemmer-fr — search:
/// <c>["trimmer-fr","accentFold-fr","stemmer-fr"]</c></description></item>
/// <item><term>de</term><description>build: trimmer-de, stopWordFilter-de, stemmer-de — search: <c>["trimmer-de","stemmer-de"]</c></description></item>
/// </list>
/// Before tokenizing, <see cref="Normalize"/> applies the knowledge base's own text normalisation (the
/// browser applies the same function to the query string; see kb-search.js): typographic apostrophes become
/// <c>'</c>, Russian <c>ё</c> becomes <c>е</c>, and French elisions (<c>l'</c>, <c>d'</c>, <c>qu'</c>…) are dropped.
/// Instances are immutable and thread-safe; per-token results are memoised.
/// </summary>
public sealed partial class LanguageAnalyzer
{
    public static readonly LanguageAnalyzer English = new(
        "en", ["trimmer", "stopWordFilter", "stemmer"], ["stemmer"],
        JsText.IsAsciiWord, [StopWords.English], false, [LunrPorterStemmer.Stem]);

    public static readonly LanguageAnalyzer Russian = new(
        "ru", ["lunr-multi-trimmer-en-ru", "stopWordFilter-ru", "stopWordFilter", "stemmer", "stemmer-ru"],
        ["stemmer", "stemmer-ru"],
        c => JsText.IsAsciiWord(c) || IsRussianWordChar(c), [StopWords.Russian, StopWords.English], false,
        [LunrPorterStemmer.Stem, SnowballStemmers.Russian]);

    public static readonly LanguageAnalyzer French = new(
        "fr", ["trimmer-fr", "stopWordFilter-fr", "accentFold-fr", "stemmer-fr"],
        ["trimmer-fr", "accentFold-fr", "stemmer-fr"],
        IsLatinWordCharOrDigit, [StopWords.French], true, [SnowballStemmers.French]);

    public static readonly LanguageAnalyzer German = new(
        "de", ["trimmer-de", "stopWordFilter-de", "stemmer-de"], ["trimmer-de", "stemmer-de"],
        IsLatinWordCharOrDigit, [StopWords.German], false, [SnowballStemmers.German]);

    /// <summary>The analysers in manifest order.</summary>
    public static IReadOnlyList<LanguageAnalyzer> All { get; } = [English, Russian, French, German];

    private readonly Func<char, bool> isWordChar;
    private readonly IReadOnlySet<string>[] stopLists;
    private readonly bool accentFold;
    private readonly Func<string, string>[] stemmers;

    private LanguageAnalyzer(
        string code, string[] buildPipeline, string[] searchPipeline, Func<char, bool> isWordChar,
        IReadOnlySet<string>[] stopLists, bool accentFold, Func<string, string>[] stemmers)
    {
        Code = code;
        BuildPipeline = buildPipeline;
        SearchPipeline = searchPipeline;
        this.isWordChar = isWordChar;
        this.stopLists = stopLists;
        this.accentFold = accentFold;
        this.stemmers = stemmers;
    }

    public string Code { get; }

    /// <summary>Labels of the build pipeline (documentation only; lunr does not serialize it).</summary>
    public IReadOnlyList<string> BuildPipeline { get; }

    /// <summary>The serialized <c>pipeline</c> of every index of this language.</summary>
    public IReadOnlyList<string> SearchPipeline { get; }

    /// <summary>Picks the analyser for a document language; unknown languages use English analysis.</summary>
    public static LanguageAnalyzer For(string? language)
    {
        var code = (language ?? "").Trim().ToLowerInvariant();
        var dash = code.IndexOfAny(['-', '_']);
        if (dash > 0) code = code[..dash];
        return code switch
        {
            "ru" => Russian,
            "fr" => French,
            "de" => German,
            _ => English,
        };
    }

    /// <summary>The knowledge base's text normalisation, applied to indexed text and to queries alike.</summary>
    public string Normalize(string text)
    {
        if (text.Length == 0) return text;
        var s = text.Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('\u02BC', '\'');
        switch (Code)
        {
            case "ru":
                s = s.Replace('ё', 'е').Replace('Ё', 'Е');
                break;
            case "fr":
                if (s.Contains('\'')) s = FrenchElision().Replace(s, "");
                break;
        }

        return s;
    }

    // Elided articles/pronouns/conjunctions before a letter, at the start of a word.
    [GeneratedRegex(@"(?<![\p{L}\p{N}_'])(?:[lLdDjJmMnNsStTcC]|[qQ][uU]|[jJ][uU][sS][qQ][uU]|[lL][oO][rR][sS][qQ][uU]|[pP][uU][iI][sS][qQ][uU]|[qQ][uU][oO][iI][qQ][uU])'(?=\p{L})")]
    private static partial Regex FrenchElision();

    /// <summary>
    /// Tokenizes text like <c>lunr.tokenizer</c> after <see cref="Normalize"/> (JS lower-casing, split on <c>[\s\-]</c>)
    /// and runs the build pipeline; <paramref name="onTerm"/> receives each surviving term in order. Empty terms are
    /// kept, as lunr keeps them. Returns the number of terms (the field length).
    /// </summary>
    /// <remarks>
    /// With a <paramref name="cache"/>, the text is split as it is and each raw token is normalised, lower-cased and
    /// analysed once per distinct token, instead of copying every text twice (normalised, lower-cased). That gives the
    /// same tokens: neither step creates, removes or moves a separator, and both only look inside a word (the French
    /// elision looks one character either side, which a separator never matches). The one exception is JavaScript's
    /// final sigma, which looks past U+FEFF (a separator that is also case-ignorable), so a text with a capital
    /// sigma takes the whole-text path.
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public int AnalyzeField(string? text, Action<string> onTerm, TokenCache? cache = null)
    {
        if (string.IsNullOrEmpty(text)) return 0;
        var perToken = cache is not null && !text.Contains('\u03A3');
        var source = perToken ? text : JsText.ToLower(Normalize(text));
        var count = 0;
        var start = 0;
        for (var i = 0; i <= source.Length; i++)
        {
            if (i < source.Length && !JsText.IsSeparator(source[i])) continue;
            if (i > start)
            {
                var span = source.AsSpan(start, i - start);
                var term = perToken ? cache!.Analyze(this, span) : RunBuildPipeline(span.ToString());
                if (term is not null)
                {
                    onTerm(term);
                    count++;
                }
            }

            start = i + 1;
        }

        return count;
    }

    /// <summary>Convenience: the terms of a field, in order.</summary>
    public List<string> AnalyzeField(string? text)
    {
        var list = new List<string>();
        AnalyzeField(text, list.Add);
        return list;
    }

    /// <summary>Runs the build pipeline on one lower-cased token; null when a stop-word filter drops it.</summary>
    public string? RunBuildPipeline(string token)
    {
        var s = Trim(token);
        foreach (var stop in stopLists)
        {
            if (stop.Contains(s)) return null;
        }

        if (accentFold) s = AccentFold(s);
        foreach (var stem in stemmers) s = stem(s);
        return s;
    }

    /// <summary>
    /// The search pipeline on one query term (what lunr.js does to a term typed in the browser, after
    /// the query parser lower-cased it). Used to locate shards and by tests.
    /// </summary>
    public string RunSearchPipeline(string term)
    {
        var s = term;
        if (Code is "fr" or "de") s = Trim(s);
        if (accentFold) s = AccentFold(s);
        foreach (var stem in stemmers) s = stem(s);
        return s;
    }

    /// <summary>Removes leading and trailing characters outside the language's word class.</summary>
    public string Trim(string s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && !isWordChar(s[start])) start++;
        while (end > start && !isWordChar(s[end - 1])) end--;
        return start == 0 && end == s.Length ? s : s[start..end];
    }

    /// <summary><c>lunr.fr.accentFoldTerm</c>.</summary>
    public static string AccentFold(string s)
    {
        var i = 0;
        while (i < s.Length && FoldOf(s[i]) is null) i++;
        if (i == s.Length) return s;
        var sb = new StringBuilder(s.Length + 2);
        sb.Append(s, 0, i);
        for (; i < s.Length; i++)
        {
            var f = FoldOf(s[i]);
            if (f is null) sb.Append(s[i]);
            else sb.Append(f);
        }

        return sb.ToString();
    }

    private static string? FoldOf(char c) => c switch
    {
        'à' or 'á' or 'â' or 'ä' or 'À' or 'Á' or 'Â' or 'Ä' => "a",
        'ç' or 'Ç' => "c",
        'é' or 'è' or 'ê' or 'ë' or 'É' or 'È' or 'Ê' or 'Ë' => "e",
        'î' or 'ï' or 'Î' or 'Ï' => "i",
        'ô' or 'ö' or 'Ô' or 'Ö' => "o",
        'ù' or 'û' or 'ü' or 'Ù' or 'Û' or 'Ü' => "u",
        'Ÿ' or 'ÿ' => "y",
        'æ' or 'Æ' => "ae",
        'œ' or 'Œ' => "oe",
        _ => null,
    };

    /// <summary><c>lunr.ru.wordCharacters</c>.</summary>
    internal static bool IsRussianWordChar(char c) => c switch
    {
        >= '\u0400' and <= '\u0484' => true,
        >= '\u0487' and <= '\u052F' => true,
        '\u1D2B' or '\u1D78' or '\uFE2E' or '\uFE2F' => true,
        >= '\u2DE0' and <= '\u2DFF' => true,
        >= '\uA640' and <= '\uA69F' => true,
        _ => false,
    };

    /// <summary><c>lunr.fr.wordCharacters</c> (identical to <c>lunr.de.wordCharacters</c>) plus ASCII digits.</summary>
    internal static bool IsLatinWordCharOrDigit(char c) => c switch
    {
        (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') => true,
        '\u00AA' or '\u00BA' => true,
        (>= '\u00C0' and <= '\u00D6') or (>= '\u00D8' and <= '\u00F6') or (>= '\u00F8' and <= '\u02B8') => true,
        >= '\u02E0' and <= '\u02E4' => true,
        (>= '\u1D00' and <= '\u1D25') or (>= '\u1D2C' and <= '\u1D5C') or (>= '\u1D62' and <= '\u1D65') => true,
        (>= '\u1D6B' and <= '\u1D77') or (>= '\u1D79' and <= '\u1DBE') or (>= '\u1E00' and <= '\u1EFF') => true,
        '\u2071' or '\u207F' => true,
        >= '\u2090' and <= '\u209C' => true,
        '\u212A' or '\u212B' or '\u2132' or '\u214E' => true,
        (>= '\u2160' and <= '\u2188') or (>= '\u2C60' and <= '\u2C7F') => true,
        (>= '\uA722' and <= '\uA787') or (>= '\uA78B' and <= '\uA7AD') or (>= '\uA7B0' and <= '\uA7B7') => true,
        (>= '\uA7F7' and <= '\uA7FF') or (>= '\uAB30' and <= '\uAB5A') or (>= '\uAB5C' and <= '\uAB64') => true,
        (>= '\uFB00' and <= '\uFB06') or (>= '\uFF21' and <= '\uFF3A') or (>= '\uFF41' and <= '\uFF5A') => true,
        _ => false,
    };
}

/// <summary>
/// Memoises normalisation, lower-casing and the build pipeline per distinct raw token, as it appears in the text
/// (every step is per-token, see <see cref="LanguageAnalyzer.AnalyzeField(string?, Action{string}, TokenCache?)"/>).
/// One cache per thread, index build and language: a plain dictionary, no locks (a token met by two threads
/// is analysed twice, to the same term). Not thread-safe.
/// </summary>
public sealed class TokenCache
{
    private readonly Dictionary<string, string?> cache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public TokenCache() => lookup = cache.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => cache.Count;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public string? Analyze(LanguageAnalyzer analyzer, ReadOnlySpan<char> token)
    {
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(lookup, token, out var exists);
        if (!exists) slot = analyzer.RunBuildPipeline(JsText.ToLower(analyzer.Normalize(token.ToString())));
        return slot;
    }
}
