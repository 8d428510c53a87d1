using System.Text;

namespace KnowledgeBase.Search.Analysis;

/// <summary>
/// The few JavaScript string semantics lunr relies on, reproduced for .NET:
/// <c>String.prototype.toLowerCase</c>, the regex classes <c>\s</c> and <c>\w</c> (both differ from .NET's).
/// </summary>
internal static class JsText
{
    /// <summary>JS <c>/[\s\-]/</c>: the 25 code units of ECMAScript <c>\s</c>, plus U+002D.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool IsSeparator(char c) => c switch
    {
        >= '\u0009' and <= '\u000D' => true,
        '\u0020' or '\u00A0' or '\u1680' or '-' => true,
        >= '\u2000' and <= '\u200A' => true,
        '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000' or '\uFEFF' => true,
        _ => false,
    };

    /// <summary>JS <c>\w</c> (no <c>u</c> flag): ASCII letters, digits and underscore only.</summary>
    public static bool IsAsciiWord(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';

    /// <summary>
    /// <c>toLowerCase()</c> as V8 does it. <see cref="string.ToLowerInvariant"/> agrees except for U+0130
    /// (JS gives "i̇", two code units) and Greek final sigma (JS gives ς at the end of a word); both are
    /// handled here. The remaining differences are in scripts the knowledge base does not index.
    /// </summary>
    public static string ToLower(string s)
    {
        var lower = s.ToLowerInvariant();
        if (s.AsSpan().IndexOfAny('\u0130', '\u03A3') < 0)
        {
            return lower;
        }

        var sb = new StringBuilder(s.Length + 4);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\u0130')
            {
                sb.Append("i\u0307");
            }
            else if (c == '\u03A3')
            {
                sb.Append(IsFinalSigma(s, i) ? '\u03C2' : '\u03C3');
            }
            else
            {
                sb.Append(lower[i]);
            }
        }

        return sb.ToString();
    }

    // Unicode Final_Sigma, approximated with letters as "cased" and marks as "case-ignorable".
    private static bool IsFinalSigma(string s, int i)
    {
        var before = false;
        for (var j = i - 1; j >= 0; j--)
        {
            if (IsCaseIgnorable(s[j])) continue;
            before = char.IsLetter(s[j]);
            break;
        }

        if (!before) return false;
        for (var j = i + 1; j < s.Length; j++)
        {
            if (IsCaseIgnorable(s[j])) continue;
            return !char.IsLetter(s[j]);
        }

        return true;
    }

    private static bool IsCaseIgnorable(char c) =>
        c is '\'' or '.' or ':' or '\u00B7' or '\u2019' ||
        char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.EnclosingMark
            or System.Globalization.UnicodeCategory.Format
            or System.Globalization.UnicodeCategory.ModifierLetter
            or System.Globalization.UnicodeCategory.ModifierSymbol;
}
