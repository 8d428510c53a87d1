using System.Globalization;
using System.Text.RegularExpressions;
using KnowledgeBase.Model;
using KnowledgeBase.Reading;
using KnowledgeBase.Tests.Site;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KnowledgeBase.Tests.Authoring;

/// <summary>
/// schema/postmortem.schema.json and the validator (<see cref="IncidentReader"/>) judge the same files the same way:
/// the schema accepts a front matter exactly when kb reports neither an error nor an unknown-field warning for it.
/// The YAML is turned into JSON the way editors' YAML language servers see it (YAML 1.2 core schema: plain
/// 42 is a number, true a boolean, an empty value null, 2024-03-14 a string).
/// </summary>
public sealed partial class SchemaAgreementTests
{
    private static readonly string SchemaPath = Path.Combine(RepoPaths.Root, "schema", "postmortem.schema.json");

    /// <summary>
    /// NJsonSchema (the validator chosen: JsonSchema.Net, the full 2020-12 implementation, does not restore on net10.0
    /// here) reads the draft-04…07 keywords, which is all the schema uses, but resolves references into draft
    /// 2020-12's <c>$defs</c> only at the top level. The test loads it with <c>$defs</c> spelt the draft-07 way,
    /// <c>definitions</c>; nothing else changes.
    /// </summary>
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromJsonAsync(
        File.ReadAllText(SchemaPath).Replace("\"$defs\"", "\"definitions\"").Replace("#/$defs/", "#/definitions/")).GetAwaiter().GetResult());

    private const string Required = "title: Disk full\ndate: 2024-03-14\nseverity: SEV2\nsummary: The primary database stopped.\n";
    private const string Action = "actions:\n  - title: Alert on WAL size\n    owner: SRE\n    due: 2024-04-30\n";

    /// <summary>Front matters kb accepts. Each is the required fields plus the YAML shown.</summary>
    public static TheoryData<string> ValidCases() => new()
    {
        "",
        "id: db-wal-disk-full\nlang: en\nstatus: published\nvisibility: internal\nservices: [postgres-primary, checkout-api]\ntags: [database, disk]\ncause_categories: [process, measurement]\nauthors: [Ana Lima]\nfacilitator: Sam Wu\ndetected_by: Synthetic monitoring\nstarted: 2024-03-14T03:47:00+03:00\ndetected: 2024-03-14T03:52:00+03:00\nmitigated: 2024-03-14T05:05:00+03:00\nresolved: 2024-03-14T09:30:00+03:00\nimpact:\n  users_affected: 100% of writes\n  failed_orders: 1860\nrelated: [queue-backlog-2024]\nonboarding: 1\nlessons:\n  - Retention must be bounded by configuration.\nactions:\n  - title: Set max_slot_wal_keep_size\n    owner: Team Database\n    due: 2024-04-30\n    status: in-progress\n    priority: high\n    success: No slot keeps more than 50 GB\n    link: https://tracker.example.com/DB-42\n",
        "lang: pt-BR\nstatus: draft\nvisibility: public\n",
        "tags: database\nservices: 42\nauthors: true\n",
        "facilitator:\ndetected_by: ~\nstarted:\ndetected: null\nimpact:\nrelated:\nactions:\nservices:\ncause_categories:\nlessons:\n",
        "services: []\ntags: []\nrelated: []\ncause_categories: []\nimpact: {}\nactions: []\n",
        "onboarding: \"3\"\n",
        "onboarding: 12\n",
        "id: \"2024\"\n",
        "id: 2024\nrelated: [7, other-one]\n",
        "started: 2024-03-14T09:12+01:00\ndetected: 2024-03-14 09:15:00 +01:00\nmitigated: 2024-03-14T09:40:00.125Z\nresolved: 2024-03-14 10:00+01:00\n",
        "impact:\n  revenue: \"~40k EUR\"\n  requests: 1.5\n  degraded: true\n",
        Action + "    link: mailto:sre@example.com\n    status: wont-do\n    priority: low\n",
        Action.Replace("Alert on WAL size", "42"),
        "facilitator: 7\ndetected_by: false\n",
        "title: 2024\nsummary: 3.5\n",
        "lessons: One lesson as text\n",
    };

    /// <summary>Front matters kb rejects or warns about. Each replaces or extends the required fields.</summary>
    public static TheoryData<string> InvalidCases() => new()
    {
        // required fields
        "-title",
        "-summary",
        "-date",
        "-severity",
        "title: \"\"\n",
        "title: \"   \"\n",
        "title:\n",
        "title: [a, b]\n",
        "summary: {a: b}\n",
        // dates
        "date: 14.03.2024\n",
        "date: 2024-3-14\n",
        "date: 2024-02-30\n",
        "date: 20240314\n",
        "date: 2024-03-14T09:00:00Z\n",
        // enums and patterns
        "severity: sev1\n",
        "severity: SEV5\n",
        "id: Bad_Id\n",
        "id: -leading\n",
        "id: -5\n",
        "lang: english\n",
        "lang:\n",
        "status: Published\n",
        "status: archived\n",
        "visibility: secret\n",
        // lists
        "tags: {a: b}\n",
        "tags: [db, \"\"]\n",
        "tags: [db, null]\n",
        "tags: [db, [nested]]\n",
        "cause_categories: [people, luck]\n",
        "cause_categories: process\n",
        "related: other-one\n",
        "related: [Bad_Id]\n",
        "lessons: [\"\"]\n",
        // moments
        "started: 2024-03-14T09:12:00\n",
        "started: 2024-03-14\n",
        "started: 2024-03-14T25:00+01:00\n",
        "detected: yesterday\n",
        // impact
        "impact: [a, b]\n",
        "impact:\n  users: [1, 2]\n",
        "impact:\n  users:\n",
        // onboarding
        "onboarding: 0\n",
        "onboarding: -1\n",
        "onboarding: first\n",
        "onboarding: 1.5\n",
        "onboarding:\n",
        // actions
        "actions: {title: x}\n",
        "actions:\n  - just text\n",
        "actions:\n  - title: Alert\n    due: 2024-04-30\n",
        "actions:\n  - title: Alert\n    owner: SRE\n",
        Action.Replace("2024-04-30", "end of April"),
        Action + "    status: closed\n",
        Action + "    priority: urgent\n",
        Action + "    link: javascript:alert(1)\n",
        Action + "    link: ftp://files.example.com/x\n",
        Action + "    success: \"\"\n",
        Action + "    assignee: Bob\n",
        // unknown fields are warnings in kb, and not allowed by the schema
        "severty: SEV1\n",
        "notes: free text\n",
    };

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Valid_front_matter_is_accepted_by_both(string yaml) => Agree(Compose(yaml), expectValid: true);

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Invalid_front_matter_is_rejected_by_both(string yaml) => Agree(Compose(yaml), expectValid: false);

    [Fact]
    public void Every_sample_post_mortem_is_valid_for_both()
    {
        var files = InputScanner.FindPostmortems(RepoPaths.SampleInput);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            Agree(FrontMatterSplitter.Split(text, out _)!.Yaml, expectValid: true, Path.GetFileName(file));
        }
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ru")]
    [InlineData("fr")]
    [InlineData("de")]
    public void What_kb_new_writes_is_valid_for_both(string lang)
    {
        using var dir = new TempDir();
        var input = Path.Combine(dir.Path, "input");
        Assert.Equal(0, BuiltSite.Run(["new", "Disk full", "--lang", lang, "--date", "2024-03-14", "--input", input]).Code);
        var text = File.ReadAllText(Path.Combine(input, "postmortems", "2024", "disk-full.md"));
        Agree(FrontMatterSplitter.Split(text, out _)!.Yaml, expectValid: true);
    }

    [Fact]
    public void The_schema_is_draft_2020_12_and_describes_every_contract_field()
    {
        var json = JObject.Parse(File.ReadAllText(SchemaPath));
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)json["$schema"]);
        var properties = ((JObject)json["properties"]!).Properties().Select(p => p.Name).ToList();
        Assert.Equal(IncidentReader.KnownFields.Order(StringComparer.Ordinal), properties.Order(StringComparer.Ordinal));
        Assert.Equal(["date", "severity", "summary", "title"], json["required"]!.Values<string>().Order(StringComparer.Ordinal));
        Assert.Equal(new SiteSettings().Severities, json["properties"]!["severity"]!["enum"]!.Values<string>());
    }

    [Fact]
    public void The_built_site_publishes_the_schema()
    {
        using var dir = new TempDir();
        var input = SmallKnowledgeBase.Create(dir);
        var site = BuiltSite.Build(input, Path.Combine(dir.Path, "out"));
        Assert.True(site.ExitCode == 0, site.Stderr);
        Assert.Equal(File.ReadAllBytes(SchemaPath), File.ReadAllBytes(Path.Combine(site.OutputDir, "schema", "postmortem.schema.json")));
    }

    private static string Compose(string yaml)
    {
        if (yaml.StartsWith('-')) return string.Concat(Required.Split('\n').Where(l => l.Length > 0 && !l.StartsWith(yaml[1..] + ":")).Select(l => l + "\n"));
        // A case that sets a required field replaces it.
        var keys = KeyPattern().Matches(yaml).Select(m => m.Groups[1].Value).ToHashSet();
        return string.Concat(Required.Split('\n').Where(l => l.Length > 0 && !keys.Contains(l.Split(':')[0])).Select(l => l + "\n")) + yaml;
    }

    [GeneratedRegex(@"(?m)^([a-z_]+):")]
    private static partial Regex KeyPattern();

    private static void Agree(string yaml, bool expectValid, string? name = null)
    {
        var diagnostics = new List<Diagnostic>();
        IncidentReader.ReadPartial(new SourceFile("/input/postmortems/2024/case.md", "postmortems/2024/case.md", "---\n" + yaml + "---\n"), new SiteSettings(), diagnostics);
        var kbValid = diagnostics.Count == 0;
        var schemaErrors = Schema.Value.Validate(ToJson(yaml));
        var schemaValid = schemaErrors.Count == 0;
        var detail = $"{name}\n{yaml}\nkb: {string.Join("; ", diagnostics)}\nschema: {string.Join("; ", schemaErrors.Select(e => $"{e.Kind} at {e.Path}"))}";
        Assert.True(kbValid == expectValid, $"kb {(kbValid ? "accepted" : "rejected")} it:\n{detail}");
        Assert.True(schemaValid == expectValid, $"the schema {(schemaValid ? "accepted" : "rejected")} it:\n{detail}");
    }

    /// <summary>YAML → JSON under the YAML 1.2 core schema, as editors' language servers read front matter.</summary>
    public static JToken ToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? JValue.CreateNull() : Convert(stream.Documents[0].RootNode);
    }

    private static JToken Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JObject(map.Children.Select(c => new JProperty(((YamlScalarNode)c.Key).Value ?? "", Convert(c.Value)))),
        YamlSequenceNode seq => new JArray(seq.Children.Select(Convert)),
        YamlScalarNode s when s.Style != ScalarStyle.Plain => new JValue(s.Value),
        YamlScalarNode s => Plain(s.Value ?? ""),
        _ => throw new InvalidOperationException("unsupported YAML node"),
    };

    private static JToken Plain(string value)
    {
        if (value is "" or "~" or "null" or "Null" or "NULL") return JValue.CreateNull();
        if (value is "true" or "True" or "TRUE") return new JValue(true);
        if (value is "false" or "False" or "FALSE") return new JValue(false);
        if (IntPattern().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return new JValue(l);
        if (FloatPattern().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return new JValue(d);
        return new JValue(value);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
