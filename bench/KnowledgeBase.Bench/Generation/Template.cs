using System.Text;

namespace KnowledgeBase.Bench.Generation;

/// <summary>Values a template can refer to. Some are fixed for one post-mortem (the service, the
/// component, the error), others are drawn fresh on each use (a person, a count).</summary>
public enum Slot
{
    Svc, Svc2, Comp, Err, Ver, Prev, Host, Region, Team, Sev, Tz,
    Person,
    Dur, Pct,
    N, NN, Min, Ms, Sec, Big,
}

/// <summary>
/// A sentence template, parsed once. Syntax inside the text:
/// <list type="bullet">
/// <item><c>{svc}</c> — a slot; <c>{Comp}</c> capitalises the first letter of the value.</item>
/// <item><c>{comp.gen}</c> — a grammatical form of the incident's component (the form names are the
/// language's: Russian cases, German cases, French contractions with de/à).</item>
/// <item><c>{~m|f|n|pl}</c> — the alternative agreeing with the component's gender/number.</item>
/// <item><c>{min#минута|минуты|минут}</c> — a number followed by the noun form the language's plural
/// rules require (Russian one/few/many; other languages one/other).</item>
/// </list>
/// Unknown slots or forms throw when the bank is built, so a typo cannot ship.
/// </summary>
public sealed class Template
{
    private enum Kind { Literal, Slot, Gender, Plural }

    private readonly record struct Segment(Kind Kind, string? Text, Slot Slot, int Form, bool Capitalize, string[]? Alternatives);

    private readonly Segment[] _segments;

    public string Source { get; }

    private Template(string source, Segment[] segments)
    {
        Source = source;
        _segments = segments;
    }

    public static Template Parse(string text, IReadOnlyList<string> componentForms)
    {
        var segments = new List<Segment>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c != '{')
            {
                literal.Append(c);
                i++;
                continue;
            }
            var end = text.IndexOf('}', i + 1);
            if (end < 0) throw new FormatException($"Unclosed '{{' in template: {text}");
            if (literal.Length > 0)
            {
                segments.Add(new Segment(Kind.Literal, literal.ToString(), default, 0, false, null));
                literal.Clear();
            }
            segments.Add(ParsePlaceholder(text.Substring(i + 1, end - i - 1), text, componentForms));
            i = end + 1;
        }
        if (literal.Length > 0) segments.Add(new Segment(Kind.Literal, literal.ToString(), default, 0, false, null));
        return new Template(text, segments.ToArray());
    }

    private static Segment ParsePlaceholder(string body, string text, IReadOnlyList<string> componentForms)
    {
        if (body.StartsWith('~'))
        {
            var alternatives = body[1..].Split('|');
            if (alternatives.Length != 4)
                throw new FormatException($"Gender choice needs 4 alternatives (m|f|n|pl) in: {text}");
            return new Segment(Kind.Gender, null, default, 0, false, alternatives);
        }
        var hash = body.IndexOf('#');
        if (hash >= 0)
        {
            var (slot, _) = ParseSlot(body[..hash], text);
            if (!IsNumeric(slot)) throw new FormatException($"Plural form on a non-numeric slot in: {text}");
            var forms = body[(hash + 1)..].Split('|');
            if (forms.Length is < 2 or > 3) throw new FormatException($"Plural needs 2 or 3 forms in: {text}");
            return new Segment(Kind.Plural, null, slot, 0, false, forms);
        }
        var dot = body.IndexOf('.');
        var name = dot < 0 ? body : body[..dot];
        var (parsed, capitalize) = ParseSlot(name, text);
        var form = 0;
        if (dot >= 0)
        {
            if (parsed != Slot.Comp) throw new FormatException($"Only the component has forms, in: {text}");
            var formName = body[(dot + 1)..];
            form = IndexOf(componentForms, formName);
            if (form < 0) throw new FormatException($"Unknown component form '{formName}' in: {text}");
        }
        return new Segment(Kind.Slot, null, parsed, form, capitalize, null);
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
            if (list[i] == value) return i;
        return -1;
    }

    private static (Slot Slot, bool Capitalize) ParseSlot(string name, string text)
    {
        if (name.Length == 0) throw new FormatException($"Empty placeholder in: {text}");
        var capitalize = char.IsUpper(name[0]);
        var normalized = name.ToLowerInvariant() switch
        {
            "svc" => Slot.Svc, "svc2" => Slot.Svc2, "comp" => Slot.Comp, "err" => Slot.Err,
            "ver" => Slot.Ver, "prev" => Slot.Prev, "host" => Slot.Host, "region" => Slot.Region,
            "team" => Slot.Team, "sev" => Slot.Sev, "tz" => Slot.Tz, "person" => Slot.Person,
            "dur" => Slot.Dur, "pct" => Slot.Pct, "n" => Slot.N, "nn" => Slot.NN, "min" => Slot.Min,
            "ms" => Slot.Ms, "sec" => Slot.Sec, "big" => Slot.Big,
            _ => throw new FormatException($"Unknown placeholder '{name}' in: {text}"),
        };
        return (normalized, capitalize);
    }

    internal static bool IsNumeric(Slot slot) => slot is Slot.Dur or Slot.Pct or Slot.N or Slot.NN or Slot.Min or Slot.Ms or Slot.Sec or Slot.Big;

    public string Render(ITemplateContext context)
    {
        var sb = new StringBuilder(Source.Length + 64);
        Render(sb, context);
        return sb.ToString();
    }

    public void Render(StringBuilder sb, ITemplateContext context)
    {
        foreach (var s in _segments)
        {
            switch (s.Kind)
            {
                case Kind.Literal:
                    sb.Append(s.Text);
                    break;
                case Kind.Gender:
                    sb.Append(s.Alternatives![context.ComponentGender]);
                    break;
                case Kind.Plural:
                {
                    var value = context.Number(s.Slot);
                    sb.Append(context.FormatNumber(value)).Append(' ')
                      .Append(s.Alternatives![PluralForm(context.Language, value, s.Alternatives.Length)]);
                    break;
                }
                default:
                {
                    var value = IsNumeric(s.Slot) ? context.FormatNumber(context.Number(s.Slot)) : context.Text(s.Slot, s.Form);
                    if (s.Capitalize && value.Length > 0 && char.IsLower(value[0]))
                        sb.Append(char.ToUpperInvariant(value[0])).Append(value, 1, value.Length - 1);
                    else
                        sb.Append(value);
                    break;
                }
            }
        }
    }

    /// <summary>Index of the noun form for <paramref name="n"/>: Russian one/few/many (1, 2–4, 5–20,
    /// 21, 22–24 …); French one for 0 and 1; English and German one for 1 only.</summary>
    public static int PluralForm(string language, int n, int formCount)
    {
        if (language == "ru" && formCount == 3)
        {
            var mod10 = n % 10;
            var mod100 = n % 100;
            if (mod10 == 1 && mod100 != 11) return 0;
            if (mod10 is >= 2 and <= 4 && mod100 is < 12 or > 14) return 1;
            return 2;
        }
        var one = language == "fr" ? n <= 1 : n == 1;
        return one ? 0 : 1;
    }
}

public interface ITemplateContext
{
    string Language { get; }
    int ComponentGender { get; }
    string Text(Slot slot, int form);
    int Number(Slot slot);
    string FormatNumber(int value);
}
