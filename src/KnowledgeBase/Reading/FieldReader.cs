using System.Globalization;
using KnowledgeBase.Model;
using YamlDotNet.RepresentationModel;

namespace KnowledgeBase.Reading;

/// <summary>
/// Reads typed values out of YAML nodes, recording a located diagnostic for every value that does not
/// match the contract, so one pass reports all problems of a file at once.
/// </summary>
public sealed class FieldReader(string file, int lineOffset, ICollection<Diagnostic> diagnostics)
{
    public string File => file;

    public SourcePosition PositionOf(YamlNode node) =>
        new((int)node.Start.Line + lineOffset, (int)node.Start.Column);

    public void Error(YamlNode node, string field, string message)
    {
        var p = PositionOf(node);
        diagnostics.Add(new Diagnostic(DiagnosticLevel.Error, file, p.Line, p.Column, field, message));
    }

    public void Error(SourcePosition p, string field, string message) =>
        diagnostics.Add(new Diagnostic(DiagnosticLevel.Error, file, p.Line, p.Column, field, message));

    public void Warning(YamlNode node, string field, string message)
    {
        var p = PositionOf(node);
        diagnostics.Add(new Diagnostic(DiagnosticLevel.Warning, file, p.Line, p.Column, field, message));
    }

    /// <summary>A non-empty scalar string; null (with an error) for maps, lists or blanks.</summary>
    public string? String(YamlNode node, string field)
    {
        if (node is not YamlScalarNode scalar || IsNull(scalar))
        {
            Error(node, field, $"expected a text value, found {Describe(node)}");
            return null;
        }
        var value = scalar.Value!.Trim();
        if (value.Length == 0)
        {
            Error(node, field, "expected a non-empty text value");
            return null;
        }
        return value;
    }

    public DateOnly? Date(YamlNode node, string field)
    {
        var text = String(node, field);
        if (text is null) return null;
        if (IsoDate.TryParse(text, out var d)) return d;
        Error(node, field, $"expected a date as YYYY-MM-DD (e.g. 2024-03-14), found '{text}'");
        return null;
    }

    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd HH:mmzzz", "yyyy-MM-dd HH:mm:sszzz", "yyyy-MM-dd HH:mm zzz", "yyyy-MM-dd HH:mm:ss zzz",
        "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    /// <summary>An ISO 8601 date-time that must carry an offset (or Z): local times are ambiguous across teams.</summary>
    public DateTimeOffset? DateTime(YamlNode node, string field)
    {
        var text = String(node, field);
        if (text is null) return null;
        if (DateTimeOffset.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var dt))
            return dt;
        Error(node, field, $"expected an ISO 8601 date-time with offset (e.g. 2024-03-14T09:12:00+01:00 or …Z), found '{text}'");
        return null;
    }

    public int? PositiveInt(YamlNode node, string field)
    {
        var text = String(node, field);
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) return n;
        Error(node, field, $"expected a positive whole number, found '{text}'");
        return null;
    }

    /// <summary>One of a fixed set of words, compared case-sensitively as the contract spells them.</summary>
    public string? OneOf(YamlNode node, string field, IReadOnlyList<string> allowed)
    {
        var text = String(node, field);
        if (text is null) return null;
        foreach (var a in allowed)
            if (a == text) return a;
        foreach (var a in allowed)
            if (string.Equals(a, text, StringComparison.OrdinalIgnoreCase))
            {
                Error(node, field, $"expected one of {string.Join(", ", allowed)}, found '{text}' (write it as '{a}')");
                return null;
            }
        Error(node, field, $"expected one of {string.Join(", ", allowed)}, found '{text}'");
        return null;
    }

    /// <summary>A list of non-empty strings; a single scalar is accepted as a one-item list.</summary>
    public IReadOnlyList<string> StringList(YamlNode node, string field)
    {
        if (node is YamlScalarNode s && !IsNull(s))
        {
            var one = String(node, field);
            return one is null ? [] : [one];
        }
        if (node is not YamlSequenceNode seq)
        {
            if (node is YamlScalarNode) return [];
            Error(node, field, $"expected a list of text values, found {Describe(node)}");
            return [];
        }
        var result = new List<string>(seq.Children.Count);
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var v = String(seq.Children[i], $"{field}[{i}]");
            if (v is not null) result.Add(v);
        }
        return result;
    }

    public YamlSequenceNode? Sequence(YamlNode node, string field)
    {
        if (node is YamlSequenceNode seq) return seq;
        if (node is YamlScalarNode s && IsNull(s)) return null;
        Error(node, field, $"expected a list, found {Describe(node)}");
        return null;
    }

    public YamlMappingNode? Mapping(YamlNode node, string field)
    {
        if (node is YamlMappingNode map) return map;
        Error(node, field, $"expected a map of 'key: value' lines, found {Describe(node)}");
        return null;
    }

    public static bool IsNull(YamlScalarNode s) =>
        s.Style == YamlDotNet.Core.ScalarStyle.Plain && s.Value is null or "" or "~" or "null" or "Null" or "NULL";

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a map",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "nothing",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an unsupported value",
    };
}
