using System.Globalization;
using System.Text;
using KnowledgeBase.Search;

namespace KnowledgeBase.Tests.Search;

/// <summary>
/// Deterministic synthetic post-mortems for size/bandwidth measurements (~700 words each): Zipf-distributed
/// words (s = 1.07) over a vocabulary whose most frequent ranks are the language's real stop words (as in real
/// text) followed by 40,000 pseudo-words, and a dozen identifiers per document (incident numbers, IPs, error
/// codes, service names), like the research corpus the issue's budget was measured on.
/// </summary>
internal static class SyntheticCorpus
{
    private static readonly Dictionary<string, string[]> Syllables = new()
    {
        ["en"] = ["ba", "con", "de", "ex", "fa", "gen", "in", "la", "mo", "net", "or", "pro", "re", "ser", "ta", "un", "ver", "al", "cu", "di", "er", "ing", "ly", "tion", "ment", "ness", "ed", "st", "ho", "par"],
        ["ru"] = ["ба", "за", "пе", "ре", "ко", "ни", "ст", "ов", "ан", "ра", "то", "ли", "ва", "ми", "де", "ны", "ска", "тель", "ние", "ость", "ами", "ого", "ать", "ил", "ся", "про", "вы", "об", "ход", "сер"],
        ["fr"] = ["ba", "con", "dé", "ex", "fa", "gé", "in", "la", "mo", "né", "or", "pro", "re", "ser", "ta", "un", "ver", "al", "cu", "di", "er", "ment", "tion", "eux", "ée", "ais", "è", "ç", "qu", "oi"],
        ["de"] = ["ba", "ver", "ge", "ein", "fa", "gen", "in", "la", "mo", "ung", "or", "pro", "re", "sch", "ta", "un", "heit", "keit", "lich", "ä", "ö", "ü", "ß", "en", "er", "st", "nis", "se", "ch", "au"],
    };

    public static List<SearchDocument> Documents(int count, IReadOnlyList<string> languages, int seed = 1)
    {
        var vocab = languages.Distinct().ToDictionary(l => l, l => StopList(l).Concat(Vocabulary(l, 40_000, seed)).ToArray());
        var cdfs = vocab.ToDictionary(kv => kv.Key, kv => ZipfCdf(kv.Value.Length, 1.07));
        var rng = new Random(seed);
        var services = Enumerable.Range(0, 120).Select(i => $"svc-{Word(rng, Syllables["en"], 2)}-{i}").ToArray();
        var tags = Enumerable.Range(0, 200).Select(i => Word(rng, Syllables["en"], 2 + i % 2)).ToArray();
        var docs = new List<SearchDocument>(count);
        for (var i = 0; i < count; i++)
        {
            var lang = languages[i % languages.Count];
            var v = vocab[lang];
            string Text(int words)
            {
                var sb = new StringBuilder(words * 8);
                for (var w = 0; w < words; w++)
                {
                    if (w > 0) sb.Append(w % 13 == 12 ? ". " : " ");
                    sb.Append(v[Sample(cdfs[lang], rng)]);
                }

                return sb.ToString();
            }

            var body = new StringBuilder(Text(540));
            for (var k = 0; k < 12; k++)
            {
                body.Append(' ').Append((k % 4) switch
                {
                    0 => $"INC-{rng.Next(1_000_000):D6}",
                    1 => $"10.{rng.Next(256)}.{rng.Next(256)}.{rng.Next(256)}",
                    2 => $"err_{rng.Next(0x10000):x4}",
                    _ => services[rng.Next(services.Length)],
                });
            }

            docs.Add(new SearchDocument(
                Id: $"{2015 + i % 10}-synthetic-{i:D6}", Language: lang, Title: Text(6 + rng.Next(5)), Summary: Text(40),
                Tags: Enumerable.Range(0, 3 + rng.Next(3)).Select(_ => tags[rng.Next(tags.Length)]).Distinct().ToList(),
                Services: Enumerable.Range(0, 1 + rng.Next(3)).Select(_ => services[rng.Next(services.Length)]).Distinct().ToList(),
                Lessons: Enumerable.Range(0, 3).Select(_ => Text(20)).ToList(),
                ActionTitles: Enumerable.Range(0, 2).Select(_ => Text(8)).ToList(),
                Body: body.ToString(), Url: $"incidents/{2015 + i % 10}-synthetic-{i:D6}/",
                Date: $"{2015 + i % 10}-{1 + i % 12:D2}-{1 + i % 28:D2}", Severity: $"SEV{1 + i % 4}"));
        }

        return docs;
    }

    private static IEnumerable<string> StopList(string lang) =>
        (lang switch
        {
            "ru" => KnowledgeBase.Search.Analysis.StopWords.Russian,
            "fr" => KnowledgeBase.Search.Analysis.StopWords.French,
            "de" => KnowledgeBase.Search.Analysis.StopWords.German,
            _ => KnowledgeBase.Search.Analysis.StopWords.English,
        }).Order(StringComparer.Ordinal);

    /// <summary>The i-th most frequent content (non-stop) word of a language (for picking query words).</summary>
    public static string VocabularyWord(string lang, int rank, int seed = 1) => Vocabulary(lang, rank + 1, seed)[rank];

    private static string[] Vocabulary(string lang, int size, int seed)
    {
        var rng = new Random(seed * 31 + lang[0]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var words = new string[size];
        for (var i = 0; i < size;)
        {
            var w = Word(rng, Syllables[lang], 2 + rng.Next(3));
            if (seen.Add(w)) words[i++] = w;
        }

        return words;
    }

    private static string Word(Random rng, string[] syllables, int n)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < n; i++) sb.Append(syllables[rng.Next(syllables.Length)]);
        return sb.ToString();
    }

    private static double[] ZipfCdf(int n, double s)
    {
        var cdf = new double[n];
        double sum = 0;
        for (var i = 0; i < n; i++) cdf[i] = sum += 1 / Math.Pow(i + 1, s);
        for (var i = 0; i < n; i++) cdf[i] /= sum;
        return cdf;
    }

    private static int Sample(double[] cdf, Random rng)
    {
        var i = Array.BinarySearch(cdf, rng.NextDouble());
        return Math.Min(cdf.Length - 1, i < 0 ? ~i : i);
    }

    public static string Format(long bytes) => bytes >= 1 << 20
        ? (bytes / 1048576.0).ToString("0.00", CultureInfo.InvariantCulture) + " MB"
        : (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB";
}
