using System.Globalization;
using System.Text;

namespace KnowledgeBase.Bench.Generation;

/// <summary>What is decided about a post-mortem before its text is written: enough for other
/// post-mortems to refer to it (id, status) and for its file path.</summary>
public sealed record DocPlan(
    int Index,
    string Id,
    DateOnly Date,
    string Lang,
    string Severity,
    string Status,
    string Visibility,
    string[] Services,
    string[] Related,
    int? Onboarding)
{
    public string RelativePath => $"postmortems/{Date.Year.ToString(CultureInfo.InvariantCulture)}/{Id}.md";
}

public sealed record GeneratedDocument(DocPlan Plan, string Content);

public sealed record CorpusStats(int Documents, long Bytes, TimeSpan Elapsed);

/// <summary>
/// Deterministic generator of synthetic, multilingual post-mortems that follow the file-format
/// contract. Same count and seed give byte-identical files on any machine: a private PRNG,
/// integer-only arithmetic, invariant formatting, "\n" line endings, UTF-8 without BOM.
/// Each document draws from its own PRNG stream (seed, index), so generation runs in parallel.
/// </summary>
public static class CorpusGenerator
{
    /// <summary>Bump whenever the output for a given seed changes (invalidates benchmark caches).</summary>
    public const int FormatVersion = 3;
    public const ulong DefaultSeed = 42;
    public static readonly DateOnly FirstDate = new(2019, 1, 1);
    public static readonly DateOnly LastDate = new(2026, 11, 20);
    /// <summary>The benchmark's <c>--as-of</c> date; action statuses are realistic relative to it.</summary>
    public static readonly DateOnly ReferenceDate = new(2026, 11, 23);

    private static readonly string[] Languages = ["en", "ru", "fr", "de"];
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string SiteYaml(int count, ulong seed) =>
        $"title: \"Synthetic post-mortems ({I(count)}, seed {seed.ToString(Inv)})\"\n" +
        "base_url: /\n" +
        "default_lang: en\n" +
        "severities: [SEV1, SEV2, SEV3, SEV4]\n";

    /// <summary>Writes <c>dir/site.yml</c> and <c>dir/postmortems/&lt;yyyy&gt;/&lt;id&gt;.md</c>. An existing
    /// <c>dir/postmortems</c> folder is deleted first, so the folder holds exactly this corpus.</summary>
    public static CorpusStats Write(string dir, int count, ulong seed)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var plans = Plan(count, seed);
        var root = Path.GetFullPath(dir);
        var postmortems = Path.Combine(root, "postmortems");
        if (Directory.Exists(postmortems)) Directory.Delete(postmortems, recursive: true);
        Directory.CreateDirectory(postmortems);
        foreach (var year in plans.Select(p => p.Date.Year).Distinct())
            Directory.CreateDirectory(Path.Combine(postmortems, I(year)));

        long bytes = 0;
        Parallel.For(0, plans.Length, i =>
        {
            var data = Utf8NoBom.GetBytes(Render(plans[i], seed));
            // The folder was emptied above, so CreateNew; sharing everything skips advisory locking.
            // Fewer system calls per file than File.WriteAllBytes, which matters at 10,000 files.
            using (var file = File.OpenHandle(Path.Combine(root, plans[i].RelativePath), FileMode.CreateNew,
                       FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
                RandomAccess.Write(file, data, 0);
            Interlocked.Add(ref bytes, data.Length);
        });
        var site = Utf8NoBom.GetBytes(SiteYaml(count, seed));
        File.WriteAllBytes(Path.Combine(root, "site.yml"), site);
        return new CorpusStats(count, bytes + site.Length, clock.Elapsed);
    }

    /// <summary>All documents in order, in memory (for tests and small corpora).</summary>
    public static IEnumerable<GeneratedDocument> Generate(int count, ulong seed)
    {
        var plans = Plan(count, seed);
        foreach (var plan in plans) yield return new GeneratedDocument(plan, Render(plan, seed));
    }

    // ---------------------------------------------------------------- phase 1: plans

    public static DocPlan[] Plan(int count, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var master = Pcg32.For(seed, int.MaxValue, 0);
        var span = LastDate.DayNumber - FirstDate.DayNumber + 1;
        var days = new int[count];
        for (var i = 0; i < count; i++) days[i] = master.Next(span);
        Array.Sort(days); // chronological: "related" then points to earlier incidents

        var plans = new DocPlan[count];
        for (var i = 0; i < count; i++)
        {
            var r = Pcg32.For(seed, i, 1);
            var date = FirstDate.AddDays(days[i]);
            var lang = Languages[r.Weighted([55, 15, 15, 15])];
            var severity = Pools.Severities[r.Weighted([8, 22, 40, 30])];
            // The first five form the onboarding path, so they are always published.
            var status = i < 5 ? "published" : r.Weighted([970, 15, 15]) switch { 0 => "published", 1 => "draft", _ => "review" };
            var visibility = r.Chance(350) ? "public" : "internal";
            var services = DistinctPicks(r, Pools.Services, 1 + r.Weighted([55, 30, 15]));
            var id = $"{date.ToString("yyyy-MM-dd", Inv)}-{services[0]}-{I(i + 1)}";
            var related = PickRelated(r, plans, i, services[0]);
            plans[i] = new DocPlan(i, id, date, lang, severity, status, visibility, services, related, i < 5 ? i + 1 : null);
        }
        return plans;
    }

    private static string[] PickRelated(Pcg32 r, DocPlan[] earlier, int i, string service)
    {
        if (i == 0) return [];
        var wanted = r.Weighted([50, 35, 15]);
        var chosen = new List<string>(wanted);
        for (var attempt = 0; chosen.Count < wanted && attempt < 40; attempt++)
        {
            DocPlan? candidate = null;
            if (r.Chance(500))
            {
                // Prefer a recent incident of the same service: "has this happened before?"
                for (var j = i - 1; j >= 0 && j >= i - 300; j--)
                    if (earlier[j].Services[0] == service && earlier[j].Status == "published" && !chosen.Contains(earlier[j].Id))
                    {
                        candidate = earlier[j];
                        break;
                    }
            }
            candidate ??= earlier[r.Next(i)];
            // Only published targets: a normal build leaves drafts out, and links must resolve.
            if (candidate.Status == "published" && !chosen.Contains(candidate.Id)) chosen.Add(candidate.Id);
        }
        return chosen.ToArray();
    }

    private static string[] DistinctPicks(Pcg32 r, string[] pool, int count)
    {
        var result = new List<string>(count);
        while (result.Count < count)
        {
            var item = pool[r.Skewed(pool.Length)];
            if (!result.Contains(item)) result.Add(item);
        }
        return result.ToArray();
    }

    // ---------------------------------------------------------------- phase 2: text

    public static string Render(DocPlan plan, ulong seed)
    {
        var r = Pcg32.For(seed, plan.Index, 2);
        var bank = LanguageBank.For(plan.Lang);
        var ctx = new DocContext(bank, r);

        // Incident facts shared by all sentences of this post-mortem.
        ctx.Svc = plan.Services[0];
        ctx.Svc2 = plan.Services.Length > 1 ? plan.Services[1] : OtherService(r, plan.Services[0]);
        ctx.Component = r.Pick(bank.Components);
        ctx.Err = Pools.Errors[r.Skewed(Pools.Errors.Length)];
        var major = r.Between(1, 9);
        var minor = r.Between(0, 40);
        var patch = r.Between(1, 15);
        ctx.Ver = $"{I(major)}.{I(minor)}.{I(patch)}";
        ctx.Prev = $"{I(major)}.{I(minor)}.{I(patch - 1)}";
        ctx.Host = $"{r.Pick(Pools.HostPrefixes)}-{r.Between(1, 40).ToString("D2", Inv)}";
        ctx.Region = r.Pick(Pools.Regions);
        ctx.Team = r.Pick(Pools.Teams);
        ctx.Sev = plan.Severity;
        ctx.Pct = 2 + r.Skewed(59);

        // Key moments, in minutes after the start. Most teams record all four; some only know
        // when they detected the problem, a few recorded no timestamps at all.
        var startMinuteOfDay = r.Weighted(Pools.HourWeights) * 60 + r.Next(60);
        var toDetect = 1 + r.Skewed(90);
        var toMitigate = toDetect + 5 + r.Skewed(240);
        var toResolve = toMitigate + 5 + r.Skewed(600);
        ctx.Dur = toMitigate;
        var offset = Offset(r, plan.Lang, plan.Date);
        ctx.Tz = offset == TimeSpan.Zero ? "UTC" : "UTC" + FormatOffset(offset);
        var started = new DateTimeOffset(plan.Date.ToDateTime(TimeOnly.MinValue).AddMinutes(startMinuteOfDay), offset);
        var timestampShape = r.Weighted([88, 7, 3, 2]); // 0 all, 1 no start, 2 detected+resolved, 3 none

        var title = bank.Titles[r.Next(bank.Titles.Length)].Render(ctx);
        var summary = bank.Summaries[r.Next(bank.Summaries.Length)].Render(ctx);

        var fm = new StringBuilder(2048);
        fm.Append("---\n");
        fm.Append("title: ").Append(Q(title)).Append('\n');
        fm.Append("id: ").Append(plan.Id).Append('\n');
        fm.Append("date: ").Append(plan.Date.ToString("yyyy-MM-dd", Inv)).Append('\n');
        fm.Append("severity: ").Append(plan.Severity).Append('\n');
        fm.Append("summary: ").Append(Q(summary)).Append('\n');
        fm.Append("lang: ").Append(plan.Lang).Append('\n');
        fm.Append("status: ").Append(plan.Status).Append('\n');
        fm.Append("visibility: ").Append(plan.Visibility).Append('\n');
        AppendList(fm, "services", plan.Services);
        AppendList(fm, "tags", Tags(r, plan.Lang));
        AppendList(fm, "cause_categories", CauseCategories(r));

        var people = DistinctPicks(r, bank.Names, 1 + r.Weighted([50, 35, 15]) + 1);
        AppendList(fm, "authors", people[..^1]);
        fm.Append("facilitator: ").Append(Q(people[^1])).Append('\n');
        fm.Append("detected_by: ").Append(Q(r.Pick(bank.DetectedBy))).Append('\n');

        if (timestampShape is 0) AppendTimestamp(fm, "started", started);
        if (timestampShape is 0 or 1 or 2) AppendTimestamp(fm, "detected", started.AddMinutes(toDetect));
        if (timestampShape is 0 or 1) AppendTimestamp(fm, "mitigated", started.AddMinutes(toMitigate));
        if (timestampShape is 0 or 1 or 2) AppendTimestamp(fm, "resolved", started.AddMinutes(toResolve));

        AppendImpact(fm, r, ctx, plan.Lang);
        if (plan.Related.Length > 0) AppendList(fm, "related", plan.Related, quote: false);
        if (plan.Onboarding is { } order) fm.Append("onboarding: ").Append(I(order)).Append('\n');

        var actions = Actions(r, ctx, bank, plan.Date);
        fm.Append("actions:\n");
        foreach (var a in actions)
        {
            fm.Append("  - title: ").Append(Q(a.Title)).Append('\n');
            fm.Append("    owner: ").Append(Q(a.Owner)).Append('\n');
            fm.Append("    due: ").Append(a.Due.ToString("yyyy-MM-dd", Inv)).Append('\n');
            fm.Append("    status: ").Append(a.Status).Append('\n');
            fm.Append("    priority: ").Append(a.Priority).Append('\n');
            if (a.Success is not null) fm.Append("    success: ").Append(Q(a.Success)).Append('\n');
            if (a.Link is not null) fm.Append("    link: ").Append(a.Link).Append('\n');
        }
        fm.Append("---\n");

        var body = Body(r, ctx, bank, timestampShape != 1, startMinuteOfDay, toDetect, toMitigate, toResolve, actions);
        return fm.Append('\n').Append(body).ToString();
    }

    private sealed record ActionItem(string Title, string Owner, DateOnly Due, string Status, string Priority, string? Success, string? Link);

    private static List<ActionItem> Actions(Pcg32 r, DocContext ctx, LanguageBank bank, DateOnly date)
    {
        var count = 1 + r.Weighted([10, 25, 30, 20, 15]);
        var titles = new Picker(bank.ActionTitles.Length, r);
        var list = new List<ActionItem>(count);
        for (var k = 0; k < count; k++)
        {
            var title = bank.ActionTitles[titles.Take()].Render(ctx);
            var owner = r.Chance(550)
                ? r.Pick(bank.Names)
                : string.Format(Inv, bank.TeamOwnerFormat, r.Pick(Pools.Teams));
            var due = date.AddDays(r.Between(7, 120));
            // Old actions are mostly closed; recent ones mostly still open. A share of old ones stays
            // open or in progress past its due date: those are the overdue actions.
            var status = due < ReferenceDate
                ? r.Weighted([5, 7, 78, 10])
                : r.Weighted([45, 35, 20, 0]);
            var priority = r.Weighted([30, 50, 20]) switch { 0 => "high", 1 => "medium", _ => "low" };
            var success = r.Chance(500) ? bank.Success[r.Next(bank.Success.Length)].Render(ctx) : null;
            string? link = null;
            if (r.Chance(400))
                link = r.Chance(500)
                    ? $"https://tracker.example.com/browse/OPS-{I(r.Between(1000, 9999))}"
                    : $"https://git.example.com/{ctx.Team.ToLowerInvariant().Replace(' ', '-')}/{ctx.Svc}/-/issues/{I(r.Between(10, 999))}";
            list.Add(new ActionItem(title, owner, due, status switch { 0 => "open", 1 => "in-progress", 2 => "done", _ => "wont-do" }, priority, success, link));
        }
        return list;
    }

    private static string Body(Pcg32 r, DocContext ctx, LanguageBank bank, bool startKnown,
        int startMinuteOfDay, int toDetect, int toMitigate, int toResolve, List<ActionItem> actions)
    {
        var words = 0;
        string Say(Template t)
        {
            var s = t.Render(ctx);
            words += CountWords(s);
            return s;
        }
        string Pick(Template[] pool) => Say(pool[r.Next(pool.Length)]);

        var h = bank.Headings;
        words += CountWords(h.Summary) + CountWords(h.Timeline) + CountWords(h.Impact) + CountWords(h.RootCauses)
                 + CountWords(h.WentWell) + CountWords(h.Lessons) + CountWords(h.ActionItems);

        var overviewPicker = new Picker(bank.Overview.Length, r);
        var impactPicker = new Picker(bank.Impact.Length, r);
        var discussionPicker = new Picker(bank.Discussion.Length, r);
        // The overview bank is in narrative order (trigger, response, recovery), so each paragraph
        // keeps its sentences in bank order to read like a story.
        var overview1 = new List<(int Order, string Text)>();
        var overview2 = new List<(int Order, string Text)>();
        var impact = new List<string>();
        var discussion = new List<string>();
        for (var k = 0; k < 3; k++)
        {
            var pick = overviewPicker.Take();
            overview1.Add((pick, Say(bank.Overview[pick])));
        }
        for (var k = 0; k < 2; k++) impact.Add(Say(bank.Impact[impactPicker.Take()]));
        discussion.Add(Say(bank.Discussion[discussionPicker.Take()]));

        // Timeline: events at minutes after the start, printed as local HH:MM.
        var events = new List<(int Minute, string Text)>();
        if (startKnown)
        {
            events.Add((0, Pick(bank.TimelineStart)));
            if (toDetect >= 3)
            {
                var symptoms = new Picker(bank.TimelineSymptom.Length, r);
                for (var k = r.Between(1, 2); k > 0; k--)
                    events.Add((1 + r.Next(toDetect - 1), Say(bank.TimelineSymptom[symptoms.Take()])));
            }
        }
        events.Add((toDetect, Pick(bank.TimelineDetect)));
        var investigate = new Picker(bank.TimelineInvestigate.Length, r);
        for (var k = r.Between(3, 5); k > 0; k--)
            events.Add((toDetect + 1 + r.Next(Math.Max(1, toMitigate - toDetect - 1)), Say(bank.TimelineInvestigate[investigate.Take()])));
        events.Add((toMitigate, Pick(bank.TimelineMitigate)));
        var verify = new Picker(bank.TimelineVerify.Length, r);
        for (var k = r.Between(1, 2); k > 0; k--)
            events.Add((toMitigate + 1 + r.Next(Math.Max(1, toResolve - toMitigate - 1)), Say(bank.TimelineVerify[verify.Take()])));
        events.Add((toResolve, Pick(bank.TimelineResolve)));
        var timeline = events.Select((e, order) => (e.Minute, order, e.Text)).OrderBy(e => e.Minute).ThenBy(e => e.order).ToList();
        words += timeline.Count; // the HH:MM stamps
        var timelineNote = Pick(bank.TimelineNote);

        var whysIntro = Pick(bank.WhysIntro);
        var whys = bank.Whys.Select(level => Pick(level)).ToList();
        words += whys.Count; // "1." … "5."

        var wentWellPicker = new Picker(bank.WentWell.Length, r);
        var wentWell = Enumerable.Range(0, r.Between(2, 4)).Select(_ => Say(bank.WentWell[wentWellPicker.Take()])).ToList();
        var lessonsPicker = new Picker(bank.Lessons.Length, r);
        var lessons = Enumerable.Range(0, r.Between(2, 4)).Select(_ => Say(bank.Lessons[lessonsPicker.Take()])).ToList();
        var actionLines = actions.Select(a =>
        {
            var line = string.Format(Inv, bank.ActionLineFormat, a.Title, a.Owner, a.Due.ToString("yyyy-MM-dd", Inv));
            words += CountWords(line);
            return line;
        }).ToList();

        // Grow the narrative paragraphs until the post-mortem reaches its target length (~700 words).
        var target = 640 + r.Next(141);
        var fill = new (Picker Picker, Action<int> Add)[]
        {
            (overviewPicker, pick => overview2.Add((pick, Say(bank.Overview[pick])))),
            (impactPicker, pick => impact.Add(Say(bank.Impact[pick]))),
            (discussionPicker, pick => discussion.Add(Say(bank.Discussion[pick]))),
        };
        var turn = r.Next(fill.Length);
        for (var idle = 0; words < target && idle < fill.Length; turn = (turn + 1) % fill.Length)
        {
            var (picker, add) = fill[turn];
            if (!picker.HasMore)
            {
                idle++;
                continue;
            }
            idle = 0;
            add(picker.Take());
        }

        var sb = new StringBuilder(6144);
        sb.Append("## ").Append(h.Summary).Append("\n\n");
        sb.AppendJoin(' ', overview1.OrderBy(o => o.Order).Select(o => o.Text)).Append("\n\n");
        if (overview2.Count > 0) sb.AppendJoin(' ', overview2.OrderBy(o => o.Order).Select(o => o.Text)).Append("\n\n");
        sb.Append("## ").Append(h.Timeline).Append("\n\n");
        sb.Append(timelineNote).Append("\n\n");
        foreach (var (minute, _, text) in timeline)
        {
            var local = (startMinuteOfDay + minute) % 1440;
            sb.Append("- **").Append((local / 60).ToString("D2", Inv)).Append(':').Append((local % 60).ToString("D2", Inv))
              .Append("** — ").Append(text).Append('\n');
        }
        sb.Append('\n');
        sb.Append("## ").Append(h.Impact).Append("\n\n");
        sb.AppendJoin(' ', impact).Append("\n\n");
        sb.Append("## ").Append(h.RootCauses).Append("\n\n");
        sb.Append(whysIntro).Append("\n\n");
        for (var k = 0; k < whys.Count; k++) sb.Append(I(k + 1)).Append(". ").Append(whys[k]).Append('\n');
        sb.Append('\n');
        sb.AppendJoin(' ', discussion).Append("\n\n");
        sb.Append("## ").Append(h.WentWell).Append("\n\n");
        foreach (var s in wentWell) sb.Append("- ").Append(s).Append('\n');
        sb.Append('\n');
        sb.Append("## ").Append(h.Lessons).Append("\n\n");
        foreach (var s in lessons) sb.Append("- ").Append(s).Append('\n');
        sb.Append('\n');
        sb.Append("## ").Append(h.ActionItems).Append("\n\n");
        foreach (var s in actionLines) sb.Append("- ").Append(s).Append('\n');
        return sb.ToString();
    }

    private static string[] Tags(Pcg32 r, string lang)
    {
        var count = r.Between(3, 6);
        var tags = new List<string>(count);
        // Teams writing in Russian, French or German sometimes tag in their language; rarely
        // someone else reuses such a tag.
        var local = Pools.UnicodeTags[lang];
        if (local.Length > 0 && r.Chance(350)) Add(r.Pick(local));
        if (r.Chance(30)) Add(r.Pick(Pools.UnicodeTags[r.Pick(Languages[1..])]));
        while (tags.Count < count)
        {
            var tag = Pools.Tags[r.Skewed(Pools.EnglishTagCount)];
            // Authors are inconsistent about case; the site merges tags case-insensitively.
            if (r.Chance(40) && char.IsLower(tag[0])) tag = char.ToUpperInvariant(tag[0]) + tag[1..];
            Add(tag);
        }
        return tags.ToArray();

        void Add(string tag)
        {
            if (!tags.Any(t => string.Equals(t, tag, StringComparison.OrdinalIgnoreCase))) tags.Add(tag);
        }
    }

    private static string[] CauseCategories(Pcg32 r)
    {
        var count = 1 + r.Weighted([40, 40, 20]);
        var result = new List<string>(count);
        while (result.Count < count)
        {
            var c = Pools.CauseCategories[r.Weighted(Pools.CauseWeights)];
            if (!result.Contains(c)) result.Add(c);
        }
        return result.ToArray();
    }

    private static void AppendImpact(StringBuilder fm, Pcg32 r, DocContext ctx, string lang)
    {
        // A subset of typical impact metrics, kept in a fixed order; values are strings or numbers.
        var picker = new Picker(9, r);
        var keys = Enumerable.Range(0, r.Between(2, 4)).Select(_ => picker.Take()).Order().ToList();
        fm.Append("impact:\n");
        foreach (var key in keys)
        {
            fm.Append("  ");
            switch (key)
            {
                case 0: fm.Append("users_affected: ").Append(Q($"{I(ctx.Pct)}%")); break;
                case 1: fm.Append("failed_requests: ").Append(I(r.Between(10, 20000) * 100)); break;
                case 2: fm.Append("duration_minutes: ").Append(I(ctx.Dur)); break;
                case 3: fm.Append("orders_lost: ").Append(I(r.Between(10, 20000))); break;
                case 4: fm.Append("revenue: ").Append(Q($"~{I(r.Between(1, 250))}k {(lang == "en" && r.Chance(500) ? "USD" : "EUR")}")); break;
                case 5: fm.Append("support_tickets: ").Append(I(r.Between(3, 400))); break;
                case 6: fm.Append("error_budget_consumed: ").Append(Q($"{I(r.Between(5, 100))}%")); break;
                case 7: fm.Append("regions: ").Append(Q(ctx.Region)); break;
                default: fm.Append("data_loss: ").Append(Q("none")); break;
            }
            fm.Append('\n');
        }
    }

    private static TimeSpan Offset(Pcg32 r, string lang, DateOnly date)
    {
        var summer = date.Month is >= 4 and <= 10;
        return lang switch
        {
            "ru" => TimeSpan.FromHours(r.Weighted([80, 12, 8]) switch { 0 => 3, 1 => 5, _ => 7 }),
            "fr" or "de" => TimeSpan.FromHours(summer ? 2 : 1),
            _ => r.Weighted([35, 20, 20, 15, 10]) switch
            {
                0 => TimeSpan.Zero,
                1 => TimeSpan.FromHours(summer ? 1 : 0),
                2 => TimeSpan.FromHours(summer ? -4 : -5),
                3 => TimeSpan.FromHours(summer ? -7 : -8),
                _ => new TimeSpan(5, 30, 0),
            },
        };
    }

    private static string FormatOffset(TimeSpan offset)
    {
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return $"{sign}{abs.Hours.ToString("D2", Inv)}:{abs.Minutes.ToString("D2", Inv)}";
    }

    private static void AppendTimestamp(StringBuilder fm, string key, DateTimeOffset value) =>
        fm.Append(key).Append(": ").Append(value.ToString("yyyy-MM-dd'T'HH:mm:ss", Inv)).Append(FormatOffset(value.Offset)).Append('\n');

    private static void AppendList(StringBuilder fm, string key, IEnumerable<string> items, bool quote = true)
    {
        fm.Append(key).Append(":\n");
        foreach (var item in items) fm.Append("  - ").Append(quote ? Q(item) : item).Append('\n');
    }

    private static string OtherService(Pcg32 r, string service)
    {
        while (true)
        {
            var other = Pools.Services[r.Skewed(Pools.Services.Length)];
            if (other != service) return other;
        }
    }

    /// <summary>YAML double-quoted scalar.</summary>
    internal static string Q(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string I(int value) => value.ToString(Inv);

    /// <summary>Words as a reader counts them: whitespace-separated tokens that contain a letter
    /// or a digit (so "—" and "-" list markers are not words, "14:03" and "1." are).</summary>
    public static int CountWords(ReadOnlySpan<char> text)
    {
        var count = 0;
        var inToken = false;
        var hasAlnum = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (inToken && hasAlnum) count++;
                inToken = hasAlnum = false;
            }
            else
            {
                inToken = true;
                hasAlnum |= char.IsLetterOrDigit(c);
            }
        }
        if (inToken && hasAlnum) count++;
        return count;
    }

    /// <summary>Draws indices of a pool without repetition (starts over when exhausted).</summary>
    private sealed class Picker(int size, Pcg32 r)
    {
        private readonly int[] _order = Enumerable.Range(0, size).ToArray();
        private int _taken;

        public bool HasMore => _taken < _order.Length;

        public int Take()
        {
            if (!HasMore) _taken = 0;
            var j = _taken + r.Next(_order.Length - _taken);
            (_order[_taken], _order[j]) = (_order[j], _order[_taken]);
            return _order[_taken++];
        }
    }

    /// <summary>Slot values of one post-mortem; people and counts are drawn fresh on each use.</summary>
    private sealed class DocContext(LanguageBank bank, Pcg32 r) : ITemplateContext
    {
        public string Svc = "", Svc2 = "", Err = "", Ver = "", Prev = "", Host = "", Region = "", Team = "", Sev = "", Tz = "";
        public Component Component = null!;
        public int Dur, Pct;

        public string Language => bank.Code;
        public int ComponentGender => Component.Gender;

        public string Text(Slot slot, int form) => slot switch
        {
            Slot.Svc => Svc, Slot.Svc2 => Svc2, Slot.Comp => Component.Forms[form], Slot.Err => Err,
            Slot.Ver => Ver, Slot.Prev => Prev, Slot.Host => Host, Slot.Region => Region, Slot.Team => Team,
            Slot.Sev => Sev, Slot.Tz => Tz, Slot.Person => r.Pick(bank.Names),
            _ => throw new InvalidOperationException($"{slot} is not a text slot"),
        };

        public int Number(Slot slot) => slot switch
        {
            Slot.Dur => Dur,
            Slot.Pct => Pct,
            Slot.N => r.Between(2, 9),
            Slot.NN => r.Between(10, 95),
            Slot.Min => r.Between(5, 45),
            Slot.Ms => 400 + r.Next(87) * 100,
            Slot.Sec => 5 * r.Between(1, 12),
            Slot.Big => 1000 + r.Next(4800) * 100,
            _ => throw new InvalidOperationException($"{slot} is not a number slot"),
        };

        public string FormatNumber(int value)
        {
            var digits = value.ToString(Inv);
            if (value < 1000) return digits;
            var sb = new StringBuilder(digits.Length + 4);
            for (var i = 0; i < digits.Length; i++)
            {
                if (i > 0 && (digits.Length - i) % 3 == 0) sb.Append(bank.GroupSeparator);
                sb.Append(digits[i]);
            }
            return sb.ToString();
        }
    }
}
