using System.Text.Encodings.Web;
using System.Text.Json;
using KnowledgeBase.Model;
using KnowledgeBase.Validation.Lints;

namespace KnowledgeBase.Cli.Console;

/// <summary>
/// <c>kb check --format json</c>: one JSON document for tools, with a stable shape (version 1, documented in the
/// README): <c>version, input, as_of, strict, summary{files, errors, warnings, overdue_actions},
/// findings[{level, rule, file, line, column, field, message, suggestion}],
/// overdue[{owner, actions[{file, line, column, field, incident, title, due, status, days_overdue}]}]</c>.
/// Unknown positions are null; text is UTF-8 without escaping non-ASCII letters.
/// </summary>
public sealed class CheckJsonWriter(TextWriter stdout)
{
    public const int Version = 1;

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public void Write(CheckReport report, CheckPaths paths, string inputDir)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("version", Version);
            json.WriteString("input", inputDir);
            json.WriteString("as_of", IsoDate.Format(report.AsOf));
            json.WriteBoolean("strict", report.Strict);

            json.WriteStartObject("summary");
            json.WriteNumber("files", report.Files);
            json.WriteNumber("errors", report.ErrorCount);
            json.WriteNumber("warnings", report.WarningCount);
            json.WriteNumber("overdue_actions", report.OverdueCount);
            json.WriteEndObject();

            json.WriteStartArray("findings");
            foreach (var f in report.Findings)
            {
                var d = f.Diagnostic;
                json.WriteStartObject();
                json.WriteString("level", d.IsError ? "error" : "warning");
                json.WriteString("rule", f.Rule);
                WriteStringOrNull(json, "file", paths.Of(d.File));
                WritePosition(json, "line", d.Line);
                WritePosition(json, "column", d.Column);
                WriteStringOrNull(json, "field", d.Field);
                json.WriteString("message", d.Message);
                WriteStringOrNull(json, "suggestion", f.Suggestion);
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteStartArray("overdue");
            foreach (var owner in report.Overdue)
            {
                json.WriteStartObject();
                json.WriteString("owner", owner.Owner);
                json.WriteStartArray("actions");
                foreach (var a in owner.Actions)
                {
                    json.WriteStartObject();
                    json.WriteString("file", paths.Of(a.File));
                    WritePosition(json, "line", a.Position.Line);
                    WritePosition(json, "column", a.Position.Column);
                    json.WriteString("field", a.Field);
                    json.WriteString("incident", a.IncidentId);
                    json.WriteString("title", a.Action.Title);
                    json.WriteString("due", IsoDate.Format(a.Action.Due));
                    json.WriteString("status", Model.ActionItem.StatusKey(a.Action.Status));
                    json.WriteNumber("days_overdue", a.DaysOverdue);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private static void WritePosition(Utf8JsonWriter json, string name, int value)
    {
        if (value > 0) json.WriteNumber(name, value);
        else json.WriteNull(name);
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (string.IsNullOrEmpty(value)) json.WriteNull(name);
        else json.WriteString(name, value);
    }
}
