using System.Text.RegularExpressions;
using KnowledgeBase.Model;
using YamlDotNet.RepresentationModel;

namespace KnowledgeBase.Reading;

/// <summary>
/// Turns one source file into an <see cref="Incident"/>: splits and parses the front matter, then checks every
/// field against the contract. Returns null when any error was found (all of them are reported).
/// </summary>
public static partial class IncidentReader
{
    /// <param name="Valid">The incident when the file has no errors.</param>
    /// <param name="Partial">Whatever was readable (with a valid id), errors or not.</param>
    /// <param name="ClaimedId">The id the file stands for, if one can be told.</param>
    public sealed record ReadResult(Incident? Valid, Incident? Partial, string? ClaimedId)
    {
        /// <summary>Whatever could be read, even without a valid id (so a public build can tell an internal file's errors apart).</summary>
        public Incident? Readable { get; init; }
    }

    public static readonly IReadOnlyList<string> KnownFields =
    [
        "title", "date", "severity", "summary", "id", "lang", "status", "visibility", "services", "tags",
        "cause_categories", "authors", "facilitator", "detected_by", "started", "detected", "mitigated",
        "resolved", "impact", "related", "onboarding", "lessons", "actions",
    ];

    private static readonly IReadOnlyList<string> ActionFields = ["title", "owner", "due", "status", "priority", "success", "link"];
    private static readonly IReadOnlyList<string> RequiredFields = ["title", "date", "severity", "summary"];
    private static readonly IReadOnlyList<string> Statuses = ["draft", "review", "published"];
    private static readonly IReadOnlyList<string> Visibilities = ["internal", "public"];
    private static readonly IReadOnlyList<string> ActionStatuses = ["open", "in-progress", "done", "wont-do"];
    private static readonly IReadOnlyList<string> Priorities = ["high", "medium", "low"];

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    public static partial Regex IdPattern();

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguagePattern();

    public static Incident? Read(SourceFile source, SiteSettings settings, ICollection<Diagnostic> diagnostics) =>
        ReadPartial(source, settings, diagnostics).Valid;

    public static (Incident? Incident, string? ClaimedId) ReadWithId(SourceFile source, SiteSettings settings, ICollection<Diagnostic> diagnostics)
    {
        var result = ReadPartial(source, settings, diagnostics);
        return (result.Valid, result.ClaimedId);
    }

    /// <summary>
    /// Also returns what could be read from a file with errors (its id, related ids…), so cross-file rules can
    /// still check it and other files' links to it are not reported as broken on top of its own errors.
    /// </summary>
    public static ReadResult ReadPartial(SourceFile source, SiteSettings settings, ICollection<Diagnostic> diagnostics) =>
        ReadPartial(source, settings, diagnostics, out _);

    /// <summary>A valid incident and the front matter's YAML tree it was read from (for the lints' positions); null for a file with errors.</summary>
    public static (Incident Incident, YamlMappingNode FrontMatter)? ReadWithFrontMatter(SourceFile source, SiteSettings settings) =>
        ReadPartial(source, settings, new List<Diagnostic>(), out var root) is { Valid: { } valid } && root is not null ? (valid, root) : null;

    private static ReadResult ReadPartial(SourceFile source, SiteSettings settings, ICollection<Diagnostic> diagnostics, out YamlMappingNode? root)
    {
        var local = new List<Diagnostic>();
        var incident = ReadCore(source, settings, local, out root);
        foreach (var d in local) diagnostics.Add(d);
        var claimed = incident is { Id.Length: > 0 } ? incident.Id : ClaimedIdOf(source);
        return new ReadResult(local.Any(d => d.IsError) ? null : incident, incident is { Id.Length: > 0 } ? incident : null, claimed)
        {
            Readable = incident,
        };
    }

    private static string? ClaimedIdOf(SourceFile source)
    {
        var name = Path.GetFileNameWithoutExtension(source.RelativePath);
        return IdPattern().IsMatch(name) ? name : null;
    }

    private static Incident? ReadCore(SourceFile source, SiteSettings settings, List<Diagnostic> diagnostics, out YamlMappingNode? root)
    {
        root = null;
        var split = FrontMatterSplitter.Split(source.Text, out var splitError);
        if (split is null)
        {
            diagnostics.Add(new Diagnostic(DiagnosticLevel.Error, source.RelativePath, 1, 1, "", splitError!));
            return null;
        }
        // Refused before anything parses the body (build and kb check alike): see MarkdownLimits.
        if (MarkdownLimits.FindTooDeep(split.Body) is { } deep)
            diagnostics.Add(new Diagnostic(DiagnosticLevel.Error, source.RelativePath, split.BodyLine + deep.Line, 1, "body",
                $"the Markdown is nested about {deep.Depth} levels deep here (block quotes and lists inside each other, or deep indentation); the limit is {MarkdownLimits.MaxDepth}: flatten it"));
        else if (MarkdownLimits.FindTooDeepHtml(split.Body) is { } html)
            diagnostics.Add(new Diagnostic(DiagnosticLevel.Error, source.RelativePath, split.BodyLine + html.Line, 1, "body",
                $"raw HTML elements are open more than {MarkdownLimits.MaxHtmlDepth} levels deep here (start tags without end tags); close them"));
        root = YamlDocumentLoader.LoadMapping(split.Yaml, source.RelativePath, split.YamlLine - 1, diagnostics);
        if (root is null) return null;

        var r = new FieldReader(source.RelativePath, split.YamlLine - 1, diagnostics);
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!KnownFields.Contains(key))
            {
                var hint = Spelling.Closest(key, KnownFields);
                r.Warning(keyNode, key, hint is null
                    ? $"unknown field '{key}' is ignored"
                    : $"unknown field '{key}' is ignored; did you mean '{hint}'?");
                continue;
            }
            fields[key] = value;
        }

        var headerPosition = new SourcePosition(1, 1);
        foreach (var required in RequiredFields)
            if (!fields.ContainsKey(required))
                r.Error(headerPosition, required, $"missing required field '{required}' ({Explain(required, settings)})");

        string? Str(string name) => fields.TryGetValue(name, out var n) ? r.String(n, name) : null;
        string? OptionalText(string name) =>
            fields.TryGetValue(name, out var n) && !(n is YamlScalarNode s && FieldReader.IsNull(s)) ? r.String(n, name) : null;
        IReadOnlyList<string> List(string name) => fields.TryGetValue(name, out var n) ? r.StringList(n, name) : [];
        DateTimeOffset? Moment(string name) =>
            fields.TryGetValue(name, out var n) && !(n is YamlScalarNode s && FieldReader.IsNull(s)) ? r.DateTime(n, name) : null;

        var title = Str("title");
        var date = fields.TryGetValue("date", out var dateNode) ? r.Date(dateNode, "date") : null;
        var severity = fields.TryGetValue("severity", out var sevNode) ? r.OneOf(sevNode, "severity", settings.Severities) : null;
        var summary = Str("summary");

        var id = ReadId(source, fields, r, out var idPosition);
        var language = settings.DefaultLanguage;
        if (fields.TryGetValue("lang", out var langNode) && r.String(langNode, "lang") is { } lang)
        {
            if (LanguagePattern().IsMatch(lang)) language = lang;
            else r.Error(langNode, "lang", $"expected a language code such as en, ru, fr or de, found '{lang}'");
        }

        var status = IncidentStatus.Published;
        if (fields.TryGetValue("status", out var statusNode) && r.OneOf(statusNode, "status", Statuses) is { } st)
            status = st switch { "draft" => IncidentStatus.Draft, "review" => IncidentStatus.Review, _ => IncidentStatus.Published };

        var visibility = Visibility.Internal;
        if (fields.TryGetValue("visibility", out var visNode) && r.OneOf(visNode, "visibility", Visibilities) is "public")
            visibility = Visibility.Public;

        var causes = new List<string>();
        if (fields.TryGetValue("cause_categories", out var causeNode) && r.Sequence(causeNode, "cause_categories") is { } causeSeq)
            for (var i = 0; i < causeSeq.Children.Count; i++)
                if (r.OneOf(causeSeq.Children[i], $"cause_categories[{i}]", CauseCategories.All) is { } c && !causes.Contains(c))
                    causes.Add(c);

        var times = new IncidentTimes(Moment("started"), Moment("detected"), Moment("mitigated"), Moment("resolved"));

        var related = new List<string>();
        var relatedPositions = new List<SourcePosition>();
        var relatedFields = new List<string>();
        if (fields.TryGetValue("related", out var relNode) && r.Sequence(relNode, "related") is { } relSeq)
            for (var i = 0; i < relSeq.Children.Count; i++)
            {
                var rel = r.String(relSeq.Children[i], $"related[{i}]");
                if (rel is null) continue;
                if (!IdPattern().IsMatch(rel)) { r.Error(relSeq.Children[i], $"related[{i}]", $"expected a post-mortem id ([a-z0-9][a-z0-9-]*), found '{rel}'"); continue; }
                if (rel == id) { r.Error(relSeq.Children[i], $"related[{i}]", "a post-mortem cannot be related to itself"); continue; }
                if (related.Contains(rel)) continue;
                related.Add(rel);
                relatedPositions.Add(r.PositionOf(relSeq.Children[i]));
                relatedFields.Add($"related[{i}]");
            }

        int? onboarding = null;
        var onboardingPosition = SourcePosition.Unknown;
        if (fields.TryGetValue("onboarding", out var onbNode))
        {
            onboarding = r.PositiveInt(onbNode, "onboarding");
            onboardingPosition = r.PositionOf(onbNode);
        }

        IReadOnlyList<string>? lessons = fields.TryGetValue("lessons", out var lessonsNode) ? r.StringList(lessonsNode, "lessons") : null;

        var incident = new Incident
        {
            Id = id ?? "",
            SourcePath = source.RelativePath,
            Title = title ?? "",
            Date = date ?? default,
            Severity = severity ?? "",
            Summary = summary ?? "",
            Language = language,
            Status = status,
            Visibility = visibility,
            Services = Distinct(List("services")),
            Tags = Distinct(List("tags")),
            CauseCategories = causes,
            Authors = List("authors"),
            Facilitator = OptionalText("facilitator"),
            DetectedBy = OptionalText("detected_by"),
            Times = times,
            Impact = fields.TryGetValue("impact", out var impactNode) ? ReadImpact(impactNode, r) : [],
            Related = related,
            RelatedPositions = relatedPositions,
            RelatedFields = relatedFields,
            Onboarding = onboarding,
            OnboardingPosition = onboardingPosition,
            Lessons = lessons,
            Actions = fields.TryGetValue("actions", out var actionsNode) ? ReadActions(actionsNode, r) : [],
            Body = split.Body,
            BodyLine = split.BodyLine,
            IdPosition = idPosition,
        };
        return incident;
    }

    private static string Explain(string field, SiteSettings settings) => field switch
    {
        "title" => "the incident's headline",
        "date" => "the day the incident started, YYYY-MM-DD",
        "severity" => $"one of {string.Join(", ", settings.Severities)}",
        "summary" => "one or two sentences shown in lists and search results",
        _ => field,
    };

    private static string? ReadId(SourceFile source, Dictionary<string, YamlNode> fields, FieldReader r, out SourcePosition position)
    {
        if (fields.TryGetValue("id", out var idNode))
        {
            position = r.PositionOf(idNode);
            var id = r.String(idNode, "id");
            if (id is null) return null;
            if (IdPattern().IsMatch(id)) return id;
            r.Error(idNode, "id", $"expected lower-case letters, digits and hyphens, starting with a letter or digit ([a-z0-9][a-z0-9-]*), found '{id}'");
            return null;
        }
        position = new SourcePosition(1, 1);
        var fromName = Path.GetFileNameWithoutExtension(source.RelativePath);
        if (IdPattern().IsMatch(fromName)) return fromName;
        r.Error(position, "id", $"the file name '{fromName}' is not a valid id ([a-z0-9][a-z0-9-]*); add an 'id:' field or rename the file");
        return null;
    }

    private static IReadOnlyList<string> Distinct(IReadOnlyList<string> values)
    {
        if (values.Count < 2) return values;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return values.Where(seen.Add).ToList();
    }

    private static IReadOnlyList<ImpactEntry> ReadImpact(YamlNode node, FieldReader r)
    {
        if (node is YamlScalarNode s && FieldReader.IsNull(s)) return [];
        var map = r.Mapping(node, "impact");
        if (map is null) return [];
        var entries = new List<ImpactEntry>();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value;
            if (string.IsNullOrWhiteSpace(key)) { r.Error(keyNode, "impact", "expected a text key"); continue; }
            var value = r.String(valueNode, $"impact.{key}");
            if (value is not null) entries.Add(new ImpactEntry(key.Trim(), value));
        }
        return entries;
    }

    private static IReadOnlyList<ActionItem> ReadActions(YamlNode node, FieldReader r)
    {
        var seq = r.Sequence(node, "actions");
        if (seq is null) return [];
        var actions = new List<ActionItem>();
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var path = $"actions[{i}]";
            var map = r.Mapping(seq.Children[i], path);
            if (map is null) continue;
            var f = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var (k, v) in map.Children)
            {
                var key = (k as YamlScalarNode)?.Value ?? "";
                if (ActionFields.Contains(key)) f[key] = v;
                else
                {
                    var hint = Spelling.Closest(key, ActionFields);
                    r.Warning(k, $"{path}.{key}", hint is null ? $"unknown action field '{key}' is ignored" : $"unknown action field '{key}' is ignored; did you mean '{hint}'?");
                }
            }
            foreach (var req in new[] { "title", "owner", "due" })
                if (!f.ContainsKey(req))
                    r.Error(map, $"{path}.{req}", req switch
                    {
                        "title" => "missing required action field 'title' (the concrete action)",
                        "owner" => "missing required action field 'owner' (one person or team)",
                        _ => "missing required action field 'due' (deadline, YYYY-MM-DD)",
                    });

            var title = f.TryGetValue("title", out var t) ? r.String(t, $"{path}.title") : null;
            var owner = f.TryGetValue("owner", out var o) ? r.String(o, $"{path}.owner") : null;
            var due = f.TryGetValue("due", out var d) ? r.Date(d, $"{path}.due") : null;
            var status = ActionStatus.Open;
            if (f.TryGetValue("status", out var s) && r.OneOf(s, $"{path}.status", ActionStatuses) is { } st)
                status = st switch { "in-progress" => ActionStatus.InProgress, "done" => ActionStatus.Done, "wont-do" => ActionStatus.WontDo, _ => ActionStatus.Open };
            var priority = ActionPriority.Medium;
            if (f.TryGetValue("priority", out var p) && r.OneOf(p, $"{path}.priority", Priorities) is { } pr)
                priority = pr switch { "high" => ActionPriority.High, "low" => ActionPriority.Low, _ => ActionPriority.Medium };
            var success = f.TryGetValue("success", out var sc) ? r.String(sc, $"{path}.success") : null;
            string? link = null;
            if (f.TryGetValue("link", out var l) && r.String(l, $"{path}.link") is { } url)
            {
                if (SafeUrl.IsAbsoluteHttp(url) || (SafeUrl.IsAllowed(url) && url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))) link = url;
                else r.Error(l, $"{path}.link", $"expected an http(s) or mailto URL of the tracker ticket, found '{url}'");
            }
            if (title is not null && owner is not null && due is not null)
                actions.Add(new ActionItem(title, owner, due.Value, status, priority, success, link));
        }
        return actions;
    }
}
