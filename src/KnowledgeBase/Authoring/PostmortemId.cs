using System.Globalization;
using System.Text;
using KnowledgeBase.Reading;

namespace KnowledgeBase.Authoring;

/// <summary>
/// Derives a post-mortem id (<c>[a-z0-9][a-z0-9-]*</c>) from its title: Cyrillic is transliterated
/// ("Сбой оплаты" → <c>sboy-oplaty</c>), accents are stripped ("Clé d'API expirée" → <c>cle-d-api-expiree</c>),
/// German umlauts become ae/oe/ue in German titles ("Größe" → <c>groesse</c>), everything else that is not a
/// letter or digit becomes a hyphen.
/// </summary>
public static class PostmortemId
{
    /// <summary>Ids longer than this are cut at a hyphen: they are URLs and file names.</summary>
    public const int MaxLength = 60;

    private static readonly Dictionary<char, string> Cyrillic = new()
    {
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['е'] = "e", ['ё'] = "e", ['ж'] = "zh",
        ['з'] = "z", ['и'] = "i", ['й'] = "y", ['к'] = "k", ['л'] = "l", ['м'] = "m", ['н'] = "n", ['о'] = "o",
        ['п'] = "p", ['р'] = "r", ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ф'] = "f", ['х'] = "kh", ['ц'] = "ts",
        ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "shch", ['ъ'] = "", ['ы'] = "y", ['ь'] = "", ['э'] = "e", ['ю'] = "yu",
        ['я'] = "ya",
        // Ukrainian and Belarusian letters that Russian lacks.
        ['і'] = "i", ['ї'] = "yi", ['є'] = "ye", ['ґ'] = "g", ['ў'] = "u",
    };

    private static readonly Dictionary<char, string> Latin = new()
    {
        ['ß'] = "ss", ['æ'] = "ae", ['œ'] = "oe", ['ø'] = "o", ['ł'] = "l", ['đ'] = "d", ['þ'] = "th", ['ð'] = "d", ['ı'] = "i",
    };

    private static readonly Dictionary<char, string> GermanUmlauts = new() { ['ä'] = "ae", ['ö'] = "oe", ['ü'] = "ue" };

    /// <summary>The id for a title, or null when nothing usable is left (e.g. a title in another script).</summary>
    public static string? FromTitle(string title, string language = "en")
    {
        var german = language.StartsWith("de", StringComparison.OrdinalIgnoreCase);
        var ascii = new StringBuilder(title.Length * 2);
        foreach (var raw in title.Normalize(NormalizationForm.FormC))
        {
            var c = char.ToLowerInvariant(raw);
            if (Cyrillic.TryGetValue(c, out var cyr)) ascii.Append(cyr);
            else if (Latin.TryGetValue(c, out var lat)) ascii.Append(lat);
            else if (german && GermanUmlauts.TryGetValue(c, out var uml)) ascii.Append(uml);
            else ascii.Append(c);
        }

        // Strip accents: decompose, drop the combining marks.
        var decomposed = ascii.ToString().Normalize(NormalizationForm.FormD);
        var id = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') id.Append(c);
            else if (id.Length > 0 && id[^1] != '-') id.Append('-');
        }
        var result = id.ToString().Trim('-');
        if (result.Length > MaxLength)
        {
            var cut = result.LastIndexOf('-', MaxLength);
            result = (cut > MaxLength / 2 ? result[..cut] : result[..MaxLength]).Trim('-');
        }
        return result.Length > 0 && IsValid(result) ? result : null;
    }

    public static bool IsValid(string id) => IncidentReader.IdPattern().IsMatch(id);
}
