using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace KnowledgeBase.Search.Analysis;

/// <summary>
/// The Snowball stemmers of lunr-languages 1.22.0 (<c>stemmer-ru</c>, <c>stemmer-fr</c>, <c>stemmer-de</c>),
/// which were generated from the late-2009 Snowball algorithms. Lucene.Net's generated classes give the
/// same output for Russian and French. For German, Lucene.Net predates one Dec-2009 rule: in step 1, after
/// deleting <c>e</c>/<c>en</c>/<c>es</c>, a word that now ends in <c>niss</c> loses its final <c>s</c>
/// (<c>ergebnisse → ergebnis</c>, Lucene.Net gives <c>ergebniss</c>). <see cref="GermanNissFix"/> applies it.
/// Lucene's stemmer objects are not thread-safe, so each thread gets its own.
/// </summary>
internal static class SnowballStemmers
{
    [ThreadStatic] private static RussianStemmer? russian;
    [ThreadStatic] private static FrenchStemmer? french;
    [ThreadStatic] private static GermanStemmer? german;

    public static string Russian(string word) => Run(russian ??= new RussianStemmer(), word);

    public static string French(string word) => Run(french ??= new FrenchStemmer(), word);

    public static string German(string word) => GermanNissFix(word, Run(german ??= new GermanStemmer(), word));

    private static string Run(SnowballProgram stemmer, string word)
    {
        stemmer.SetCurrent(word);
        stemmer.Stem();
        return stemmer.Current;
    }

    /// <summary>
    /// Adds the 2009 rule <c>try (['s'] 'nis' delete)</c> to Lucene.Net's German result. The rule fires only
    /// when step 1 deleted <c>e</c>, <c>en</c> or <c>es</c> and left a word ending in <c>niss</c>; steps 2 and 3
    /// never touch a word ending in <c>nis</c>/<c>niss</c> and the postlude only maps characters one to one, so
    /// the fixed stem is Lucene's stem minus its final <c>s</c> exactly when Lucene's stem is the prelude form
    /// of the word minus that suffix and ends in <c>niss</c>.
    /// </summary>
    internal static string GermanNissFix(string word, string lucene)
    {
        if (!lucene.EndsWith("niss", StringComparison.Ordinal))
        {
            return lucene;
        }

        // Lucene's prelude turns ß into ss; stem lengths are compared on that form.
        var prelude = word.Replace("ß", "ss", StringComparison.Ordinal);
        foreach (var suffix in (ReadOnlySpan<string>)["e", "en", "es"])
        {
            if (prelude.EndsWith("niss" + suffix, StringComparison.Ordinal) &&
                lucene.Length == prelude.Length - suffix.Length)
            {
                return lucene[..^1];
            }
        }

        return lucene;
    }
}
