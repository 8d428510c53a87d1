using System.Text.RegularExpressions;

namespace KnowledgeBase.Search.Analysis;

/// <summary>
/// The English stemmer of lunr 2.3.9 (pipeline label <c>stemmer</c>): Porter's 1980 algorithm in the
/// regular-expression formulation lunr ships, including its deviations from canonical Porter
/// (step 1c only turns a final y into i after a non-vowel that is not the first letter; step 2 has the
/// <c>bli→ble</c> and <c>logi→log</c> departures; words shorter than three characters are untouched).
/// The patterns use only ASCII classes, <c>.</c> and lazy groups, which behave identically in .NET and
/// JavaScript for tokens (tokens never contain line terminators). Thread-safe.
/// </summary>
internal static partial class LunrPorterStemmer
{
    // Building blocks of the measure conditions: consonant, vowel, consonant run, vowel run.
    private const string Cons = "[^aeiou]";
    private const string Vow = "[aeiouy]";
    private const string ConsRun = Cons + "[^aeiouy]*";
    private const string VowRun = Vow + "[aeiou]*";

    private const string MeasureAtLeast1 = "^(" + ConsRun + ")?" + VowRun + ConsRun;
    private const string MeasureExactly1 = "^(" + ConsRun + ")?" + VowRun + ConsRun + "(" + VowRun + ")?$";
    private const string MeasureAtLeast2 = "^(" + ConsRun + ")?" + VowRun + ConsRun + VowRun + ConsRun;
    private const string HasVowel = "^(" + ConsRun + ")?" + Vow;
    private const string EndsCvc = "^" + ConsRun + Vow + "[^aeiouwxy]$";

    [GeneratedRegex(MeasureAtLeast1)] private static partial Regex M1();
    [GeneratedRegex(MeasureExactly1)] private static partial Regex MEq1();
    [GeneratedRegex(MeasureAtLeast2)] private static partial Regex M2();
    [GeneratedRegex(HasVowel)] private static partial Regex VowelInStem();
    [GeneratedRegex(EndsCvc)] private static partial Regex Cvc();

    [GeneratedRegex("^(.+?)(ss|i)es$")] private static partial Regex Step1aSses();
    [GeneratedRegex("^(.+?)([^s])s$")] private static partial Regex Step1aS();
    [GeneratedRegex("^(.+?)eed$")] private static partial Regex Step1bEed();
    [GeneratedRegex("^(.+?)(ed|ing)$")] private static partial Regex Step1bEdIng();
    [GeneratedRegex("(at|bl|iz)$")] private static partial Regex Step1bRestoreE();
    [GeneratedRegex("([^aeiouylsz])\\1$")] private static partial Regex DoubleConsonant();
    [GeneratedRegex("^(.+?[^aeiou])y$")] private static partial Regex Step1c();

    [GeneratedRegex("^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$")]
    private static partial Regex Step2();

    [GeneratedRegex("^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$")]
    private static partial Regex Step3();

    [GeneratedRegex("^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$")]
    private static partial Regex Step4();

    [GeneratedRegex("^(.+?)(s|t)(ion)$")] private static partial Regex Step4Ion();
    [GeneratedRegex("^(.+?)e$")] private static partial Regex Step5E();

    private static readonly Dictionary<string, string> Step2Replacements = new(StringComparer.Ordinal)
    {
        ["ational"] = "ate", ["tional"] = "tion", ["enci"] = "ence", ["anci"] = "ance", ["izer"] = "ize",
        ["bli"] = "ble", ["alli"] = "al", ["entli"] = "ent", ["eli"] = "e", ["ousli"] = "ous",
        ["ization"] = "ize", ["ation"] = "ate", ["ator"] = "ate", ["alism"] = "al", ["iveness"] = "ive",
        ["fulness"] = "ful", ["ousness"] = "ous", ["aliti"] = "al", ["iviti"] = "ive", ["biliti"] = "ble",
        ["logi"] = "log",
    };

    private static readonly Dictionary<string, string> Step3Replacements = new(StringComparer.Ordinal)
    {
        ["icate"] = "ic", ["ative"] = "", ["alize"] = "al", ["iciti"] = "ic", ["ical"] = "ic", ["ful"] = "",
        ["ness"] = "",
    };

    public static string Stem(string word)
    {
        if (word.Length < 3)
        {
            return word;
        }

        var w = word;
        var leadingY = w[0] == 'y';
        if (leadingY)
        {
            w = "Y" + w[1..];
        }

        // Step 1a: plurals.
        Match m;
        if ((m = Step1aSses().Match(w)).Success || (m = Step1aS().Match(w)).Success)
        {
            w = m.Groups[1].Value + m.Groups[2].Value;
        }

        // Step 1b: -eed, -ed, -ing.
        if ((m = Step1bEed().Match(w)).Success)
        {
            if (M1().IsMatch(m.Groups[1].Value))
            {
                w = w[..^1];
            }
        }
        else if ((m = Step1bEdIng().Match(w)).Success)
        {
            var stem = m.Groups[1].Value;
            if (VowelInStem().IsMatch(stem))
            {
                w = stem;
                if (Step1bRestoreE().IsMatch(w)) w += "e";
                else if (DoubleConsonant().IsMatch(w)) w = w[..^1];
                else if (Cvc().IsMatch(w)) w += "e";
            }
        }

        // Step 1c (lunr's variant): final y → i after a non-vowel that is not the first letter.
        if ((m = Step1c().Match(w)).Success)
        {
            w = m.Groups[1].Value + "i";
        }

        // Steps 2 and 3: suffix mapping when the stem has measure > 0.
        if ((m = Step2().Match(w)).Success && M1().IsMatch(m.Groups[1].Value))
        {
            w = m.Groups[1].Value + Step2Replacements[m.Groups[2].Value];
        }

        if ((m = Step3().Match(w)).Success && M1().IsMatch(m.Groups[1].Value))
        {
            w = m.Groups[1].Value + Step3Replacements[m.Groups[2].Value];
        }

        // Step 4: suffix removal when the stem has measure > 1.
        if ((m = Step4().Match(w)).Success)
        {
            if (M2().IsMatch(m.Groups[1].Value))
            {
                w = m.Groups[1].Value;
            }
        }
        else if ((m = Step4Ion().Match(w)).Success)
        {
            var stem = m.Groups[1].Value + m.Groups[2].Value;
            if (M2().IsMatch(stem))
            {
                w = stem;
            }
        }

        // Step 5a: final e.
        if ((m = Step5E().Match(w)).Success)
        {
            var stem = m.Groups[1].Value;
            if (M2().IsMatch(stem) || (MEq1().IsMatch(stem) && !Cvc().IsMatch(stem)))
            {
                w = stem;
            }
        }

        // Step 5b: -ll → -l when measure > 1.
        if (w.EndsWith("ll", StringComparison.Ordinal) && M2().IsMatch(w))
        {
            w = w[..^1];
        }

        if (leadingY)
        {
            w = "y" + w[1..];
        }

        return w;
    }
}
