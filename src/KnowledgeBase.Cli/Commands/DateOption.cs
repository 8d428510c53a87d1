using System.CommandLine;
using KnowledgeBase.Model;

namespace KnowledgeBase.Cli.Commands;

/// <summary>Reads a YYYY-MM-DD option; a malformed date is a usage error with the option's name.</summary>
public static class DateOption
{
    /// <returns>False (after printing why) when the value is not a date; <paramref name="value"/> is null when absent.</returns>
    public static bool TryRead(ParseResult parse, Option<string?> option, TextWriter stderr, out DateOnly? value)
    {
        value = null;
        if (parse.GetValue(option) is not { } text) return true;
        if (IsoDate.TryParse(text, out var d))
        {
            value = d;
            return true;
        }
        stderr.WriteLine($"kb: {option.Name} expects a date as YYYY-MM-DD, got '{text}'");
        return false;
    }
}
