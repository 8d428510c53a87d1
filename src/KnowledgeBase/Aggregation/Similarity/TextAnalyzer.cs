using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace KnowledgeBase.Aggregation.Similarity;

/// <summary>
/// Turns a post-mortem's text into language-normalised terms for similarity: words are split on anything that
/// is not a letter or digit, lower-cased (Russian ё → е), function words dropped, then stemmed with the Snowball
/// stemmer of their script and language (Cyrillic words: Russian; Latin words: the post-mortem's language when
/// it is French or German, else English) and stripped of accents. Technical words (PostgreSQL, WAL, TTL, Kafka)
/// therefore meet across languages; ordinary words only within one. Thread-safe; results are memoised per word.
/// </summary>
public sealed class TextAnalyzer
{
    private const int MinLength = 2;
    private const int MaxLength = 40;

    [ThreadStatic] private static EnglishStemmer? english;
    [ThreadStatic] private static RussianStemmer? russian;
    [ThreadStatic] private static FrenchStemmer? french;
    [ThreadStatic] private static GermanStemmer? german;

    /// <summary>A term: one object per distinct stem, so counting terms hashes references, not strings.</summary>
    public sealed class Term(string text)
    {
        public string Text { get; } = text;

        /// <summary>Scratch for one similarity run (its vocabulary id); each run uses its own analyzer.</summary>
        internal int Id = -1;

        public override string ToString() => Text;
    }

    private static readonly Term Dropped = new("");

    // Per language: lower-cased word → its term (Dropped for stop words, numbers and stems too short).
    private readonly ConcurrentDictionary<string, Term>[] _memo =
        [new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal)];
    private readonly ConcurrentDictionary<string, Term> _terms = new(StringComparer.Ordinal);

    private static readonly string[] Languages = ["en", "ru", "fr", "de"];

    private static int LanguageIndex(string language) => language.Split('-', '_')[0].ToLowerInvariant() switch
    {
        "ru" => 1,
        "fr" => 2,
        "de" => 3,
        _ => 0,
    };

    /// <summary>The terms of <paramref name="text"/> and how often each occurs.</summary>
    public Dictionary<string, int> Count(string text, string language)
    {
        var counts = new Dictionary<Term, int>(ReferenceEqualityComparer.Instance);
        Analyze(text, language, counts);
        return counts.ToDictionary(kv => kv.Key.Text, kv => kv.Value, StringComparer.Ordinal);
    }

    /// <summary>Adds the terms of <paramref name="text"/> to <paramref name="counts"/> (term → occurrences).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Analyze(string text, string language, Dictionary<Term, int> counts)
    {
        var lang = LanguageIndex(language);
        var lookup = _memo[lang].GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> buffer = stackalloc char[MaxLength];
        var length = 0;
        var tooLong = false;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            bool inWord;
            if (c < 128)
            {
                // ASCII fast path: letters, digits; everything else ends a word.
                if ((uint)(c - 'A') <= 'Z' - 'A') { c = (char)(c | 0x20); inWord = true; }
                else inWord = (uint)(c - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9;
            }
            else
            {
                inWord = char.IsLetterOrDigit(c) || (length > 0 && IsMark(c));
                if (inWord) c = c == 'ё' || c == 'Ё' ? 'е' : char.ToLowerInvariant(c);
            }
            if (inWord)
            {
                if (length < MaxLength) buffer[length++] = c;
                else tooLong = true;
                continue;
            }
            if (length >= MinLength && !tooLong)
            {
                var word = buffer[..length];
                if (!lookup.TryGetValue(word, out var term))
                {
                    var w = word.ToString();
                    var stem = Stem(w, lang);
                    term = stem.Length == 0 ? Dropped : _terms.GetOrAdd(stem, t => new Term(t));
                    _memo[lang].TryAdd(w, term);
                }
                if (!ReferenceEquals(term, Dropped)) System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, term, out _)++;
            }
            length = 0;
            tooLong = false;
        }
    }

    private static bool IsMark(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    /// <summary>The term of one lower-cased word in a post-mortem of language <paramref name="lang"/>, or "" to drop it.</summary>
    private static string Stem(string word, int lang)
    {
        var allDigits = true;
        var cyrillic = false;
        foreach (var c in word)
        {
            if (!char.IsDigit(c)) allDigits = false;
            if (c is >= '\u0400' and <= '\u04FF') cyrillic = true;
        }
        if (allDigits) return "";
        if (StopWords.English.Contains(word) || StopWords.For(Languages[lang]).Contains(word)) return "";
        string stem;
        if (cyrillic) stem = Run(russian ??= new RussianStemmer(), word);
        else stem = lang switch
        {
            2 => Run(french ??= new FrenchStemmer(), word),
            3 => Run(german ??= new GermanStemmer(), word),
            _ => Run(english ??= new EnglishStemmer(), word),
        };
        stem = FoldAccents(stem);
        return stem.Length >= MinLength ? stem : "";
    }

    private static string Run(SnowballProgram stemmer, string word)
    {
        stemmer.SetCurrent(word);
        stemmer.Stem();
        return stemmer.Current;
    }

    private static string FoldAccents(string s)
    {
        var ascii = true;
        foreach (var c in s) if (c > 127) { ascii = false; break; }
        if (ascii) return s;
        var decomposed = s.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            // Keep Cyrillic й (и + breve) intact: fold only Latin letters.
            if (IsMark(c) && sb.Length > 0 && sb[^1] < '\u0250') continue;
            sb.Append(c);
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }
}
