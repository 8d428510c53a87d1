using System.Text;

namespace KnowledgeBase.Tests.Metrics;

/// <summary>A strict RFC 4180 reader for the tests: CRLF records, fields optionally in double quotes with "" for a quote.</summary>
public static class Rfc4180
{
    public static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new FormatException("unterminated quoted field");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(text[i++]);
                }
                if (i < text.Length && text[i] != ',' && text[i] != '\r') throw new FormatException($"text after a closing quote at {i}");
                continue;
            }
            switch (text[i])
            {
                case ',':
                    record.Add(field.ToString());
                    field.Clear();
                    i++;
                    break;
                case '\r':
                    if (i + 1 >= text.Length || text[i + 1] != '\n') throw new FormatException($"CR without LF at {i}");
                    record.Add(field.ToString());
                    field.Clear();
                    records.Add(record);
                    record = [];
                    i += 2;
                    break;
                case '\n':
                    throw new FormatException($"bare LF at {i}: records end with CRLF");
                case '"':
                    throw new FormatException($"quote inside an unquoted field at {i}");
                default:
                    field.Append(text[i++]);
                    break;
            }
        }
        if (field.Length > 0 || record.Count > 0) throw new FormatException("last record does not end with CRLF");
        return records;
    }
}
