using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using KnowledgeBase.Aggregation;
using KnowledgeBase.Aggregation.Metrics;
using KnowledgeBase.Model;

namespace KnowledgeBase.Output.Feeds;

/// <summary>
/// The data API: <c>/api/incidents.json</c>, <c>/api/actions.json</c> and <c>/api/actions.csv</c>. JSON is written
/// with <see cref="Utf8JsonWriter"/> in a fixed property order (the order of the schemas in <c>schema/api/</c>),
/// invariant formats and the site's incident order (newest <c>date</c> first, ties by id), so the same input gives
/// the same bytes. Letters of every script stay readable; markup characters are escaped.
/// </summary>
public static class DataApi
{
    public const int Version = 1;
    public const string IncidentsPath = "api/incidents.json";
    public const string ActionsPath = "api/actions.json";
    public const string ActionsCsvPath = "api/actions.csv";

    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Indented = false,
    };

    /// <summary>Writes incidents.json into <paramref name="output"/> (the site writer's pooled buffer: 18 MB at 10,000 post-mortems).</summary>
    public static void Incidents(SiteModel site, IBufferWriter<byte> output)
    {
        var urls = new PublicUrls(site.Settings);
        var repeats = site.Metrics?.Repeats;
        using (var json = new Utf8JsonWriter(output, Options))
        {
            Header(json, site, site.Incidents.Count);
            json.WriteStartArray("incidents");
            foreach (var r in site.Incidents)
            {
                var i = r.Incident;
                json.WriteStartObject();
                json.WriteString("id", i.Id);
                json.WriteString("url", urls.Incident(i.Id));
                json.WriteString("title", i.Title);
                json.WriteString("summary", i.Summary);
                json.WriteString("date", IsoDate.Format(i.Date));
                json.WriteString("severity", i.Severity);
                json.WriteString("lang", i.Language);
                json.WriteString("status", i.Status switch { IncidentStatus.Draft => "draft", IncidentStatus.Review => "review", _ => "published" });
                json.WriteString("visibility", i.Visibility == Visibility.Public ? "public" : "internal");
                Strings(json, "services", i.Services);
                Strings(json, "tags", i.Tags);
                Strings(json, "cause_categories", i.CauseCategories);
                Strings(json, "authors", i.Authors);
                NullableString(json, "facilitator", i.Facilitator);
                NullableString(json, "detected_by", i.DetectedBy);
                NullableString(json, "started", i.Times.Started is { } s ? FeedDates.Rfc3339(s) : null);
                NullableString(json, "detected", i.Times.Detected is { } d ? FeedDates.Rfc3339(d) : null);
                NullableString(json, "mitigated", i.Times.Mitigated is { } m ? FeedDates.Rfc3339(m) : null);
                NullableString(json, "resolved", i.Times.Resolved is { } v ? FeedDates.Rfc3339(v) : null);
                json.WriteBoolean("start_is_detection", i.Times.StartIsDetection);
                json.WriteStartObject("durations_minutes");
                Minutes(json, "detect", i.Times.TimeToDetect);
                Minutes(json, "mitigate", i.Times.TimeToMitigate);
                Minutes(json, "resolve", i.Times.TimeToResolve);
                json.WriteEndObject();
                json.WriteStartArray("impact");
                foreach (var x in i.Impact)
                {
                    json.WriteStartObject();
                    json.WriteString("key", x.Key);
                    json.WriteString("value", x.Value);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                Strings(json, "related", i.Related.Where(site.ById.ContainsKey));
                Strings(json, "referenced_by", site.ReferencedBy.TryGetValue(i.Id, out var refs) ? refs.Select(x => x.Id) : []);
                if (i.Onboarding is { } step) json.WriteNumber("onboarding", step);
                else json.WriteNull("onboarding");
                Strings(json, "lessons", r.Lessons);
                var a = ActionClosure.Of(i.Actions, site.AsOf);
                json.WriteStartObject("actions");
                json.WriteNumber("total", a.Total);
                json.WriteNumber("open", a.Open);
                json.WriteNumber("in_progress", a.InProgress);
                json.WriteNumber("done", a.Done);
                json.WriteNumber("wont_do", a.WontDo);
                json.WriteNumber("overdue", a.Overdue);
                json.WriteEndObject();
                if (repeats is not null && repeats.TryGetValue(i.Id, out var repeat))
                {
                    json.WriteStartObject("repeat_of");
                    json.WriteString("id", repeat.Earlier.Id);
                    json.WriteString("reason", repeat.Reason == RepeatReason.Related ? "related" : "same_service_and_cause");
                    json.WriteEndObject();
                }
                else json.WriteNull("repeat_of");
                Strings(json, "similar", site.Similar.TryGetValue(i.Id, out var similar) ? similar.Select(x => x.Incident.Id) : []);
                json.WriteString("source_path", i.SourcePath);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.Write("\n"u8);
    }

    /// <summary>Writes actions.json into <paramref name="output"/> (16 MB at 10,000 post-mortems).</summary>
    public static void Actions(SiteModel site, IBufferWriter<byte> output)
    {
        var urls = new PublicUrls(site.Settings);
        var rows = ActionRow.All(site).ToList();
        using (var json = new Utf8JsonWriter(output, Options))
        {
            Header(json, site, rows.Count);
            json.WriteStartArray("actions");
            foreach (var row in rows)
            {
                var a = row.Action;
                var i = row.Incident.Incident;
                json.WriteStartObject();
                json.WriteString("incident_id", i.Id);
                json.WriteString("incident_title", i.Title);
                json.WriteString("incident_url", urls.Incident(i.Id));
                json.WriteString("incident_date", IsoDate.Format(i.Date));
                json.WriteString("severity", i.Severity);
                json.WriteNumber("position", row.Position);
                json.WriteString("title", a.Title);
                json.WriteString("owner", a.Owner);
                json.WriteString("due", IsoDate.Format(a.Due));
                json.WriteString("status", ActionItem.StatusKey(a.Status));
                json.WriteBoolean("overdue", a.IsOverdue(site.AsOf));
                json.WriteString("effective_status", a.EffectiveStatusKey(site.AsOf));
                json.WriteString("priority", ActionItem.PriorityKey(a.Priority));
                NullableString(json, "success", a.Success);
                NullableString(json, "link", a.Link);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.Write("\n"u8);
    }

    private static void Header(Utf8JsonWriter json, SiteModel site, int count)
    {
        json.WriteStartObject();
        json.WriteNumber("version", Version);
        json.WriteString("generator", "kb");
        json.WriteStartObject("site");
        json.WriteString("title", site.Settings.Title);
        json.WriteString("base_url", site.Settings.BaseUrl);
        json.WriteString("default_lang", site.Settings.DefaultLanguage);
        json.WriteEndObject();
        json.WriteString("as_of", IsoDate.Format(site.AsOf));
        json.WriteNumber("count", count);
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteStringValue(v);
        json.WriteEndArray();
    }

    private static void NullableString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }

    private static void Minutes(Utf8JsonWriter json, string name, TimeSpan? span)
    {
        if (span is { } s) json.WriteNumber(name, (long)Math.Round(s.TotalMinutes));
        else json.WriteNull(name);
    }

}

/// <summary>An action with its incident and its 1-based position in that incident's list, in API order.</summary>
internal sealed record ActionRow(RenderedIncident Incident, int Position, ActionItem Action)
{
    public static IEnumerable<ActionRow> All(SiteModel site) =>
        site.Incidents.SelectMany(r => r.Incident.Actions.Select((a, k) => new ActionRow(r, k + 1, a)));
}

/// <summary>
/// <c>/api/actions.csv</c> for importing into a tracker: RFC 4180 (comma-separated, CRLF line ends, a header row;
/// a field holding a comma, a double quote, CR or LF — or starting or ending with a space — is enclosed in double
/// quotes with inner quotes doubled), UTF-8 without a byte-order mark. Same rows and order as actions.json.
/// </summary>
public static class ActionsCsv
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "incident_id", "incident_title", "incident_url", "incident_date", "severity", "position", "title", "owner", "due",
        "status", "overdue", "effective_status", "priority", "success", "link",
    ];

    /// <summary>
    /// Writes actions.csv into <paramref name="output"/> row by row (10 MB at 10,000 post-mortems; as one string and
    /// its bytes it took 40 MB of large-object heap). Encoded like <c>new UTF8Encoding(false).GetBytes</c> of the
    /// whole text: every row is whole chars, so encoding row by row gives the same bytes.
    /// </summary>
    public static void Write(SiteModel site, IBufferWriter<byte> output)
    {
        var urls = new PublicUrls(site.Settings);
        using var text = new Utf8BufferTextWriter(output);
        var sb = new StringBuilder(1024);
        void Flush()
        {
            text.Write(sb);
            sb.Clear();
        }
        Row(sb, Columns);
        Flush();
        foreach (var row in ActionRow.All(site))
        {
            var a = row.Action;
            var i = row.Incident.Incident;
            Row(sb,
            [
                i.Id, i.Title, urls.Incident(i.Id), IsoDate.Format(i.Date), i.Severity, row.Position.ToString(CultureInfo.InvariantCulture),
                a.Title, a.Owner, IsoDate.Format(a.Due), ActionItem.StatusKey(a.Status), a.IsOverdue(site.AsOf) ? "true" : "false",
                a.EffectiveStatusKey(site.AsOf), ActionItem.PriorityKey(a.Priority), a.Success ?? "", a.Link ?? "",
            ]);
            Flush();
        }
    }

    private static void Row(StringBuilder sb, IReadOnlyList<string> fields)
    {
        for (var k = 0; k < fields.Count; k++)
        {
            if (k > 0) sb.Append(',');
            Field(sb, fields[k]);
        }
        sb.Append("\r\n");
    }

    public static void Field(StringBuilder sb, string value)
    {
        var quote = value.Length > 0 && (value[0] == ' ' || value[^1] == ' ' || value.AsSpan().IndexOfAny(",\"\r\n") >= 0);
        if (!quote)
        {
            sb.Append(value);
            return;
        }
        sb.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
