using System.Globalization;
using System.Text;

namespace KnowledgeBase.BrowserTests;

/// <summary>
/// A generated knowledge base (English and German post-mortems) in which a few words occur in most documents, a
/// varying number of times and in varying fields, so their scores spread out and tie now and then: with the
/// scaled-down index options of <see cref="SearchTopKSite"/> those words get impact blocks. Deterministic (seeded).
/// </summary>
public static class SearchTopKCorpus
{
    public const int English = 150;
    public const int German = 50;

    private static readonly string[] Severities = ["SEV1", "SEV2", "SEV3", "SEV4"];
    private static readonly string[] Tags = ["storage", "network", "deploy", "capacity", "security"];

    private static readonly string[] EnglishWords =
    [
        "queue", "cache", "request", "timeout", "replica", "node", "cluster", "disk", "memory", "alert", "rollback",
        "traffic", "payment", "login", "token", "config", "network", "schema", "index", "backup", "failover", "quota",
        "certificate", "gateway", "scheduler", "worker", "migration", "throughput", "retry", "partition",
    ];

    private static readonly string[] GermanWords =
    [
        "Warteschlange", "Zwischenspeicher", "Anfrage", "Zeitüberschreitung", "Knoten", "Speicher", "Alarm", "Verkehr",
        "Zahlung", "Anmeldung", "Konfiguration", "Netzwerk", "Sicherung", "Zertifikat", "Bereitstellung", "Dienst",
    ];

    /// <summary>Writes <c>site.yml</c> and the post-mortems into <paramref name="input"/>.</summary>
    public static void Write(string input)
    {
        var folder = Path.Combine(input, "postmortems");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(input, "site.yml"), "title: Top-k search test\nbase_url: /\n");
        var random = new Random(11);
        for (var i = 0; i < English + German; i++)
        {
            var german = i >= English;
            var id = (german ? "vorfall-" : "incident-") + i.ToString("000", CultureInfo.InvariantCulture);
            File.WriteAllText(Path.Combine(folder, id + ".md"), german ? GermanPostmortem(i, random) : EnglishPostmortem(i, random));
        }
    }

    private static string FrontMatter(int i, string title, string summary, string? lang)
    {
        var year = 2021 + (i * 7 % 5);
        var date = new DateOnly(year, 1 + (i % 12), 1 + (i * 3 % 28)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var severity = Severities[(i * 5 + i / 7) % Severities.Length];
        var tags = new[] { Tags[i % Tags.Length], Tags[(i / 3 + 2) % Tags.Length] }.Distinct();
        var sb = new StringBuilder("---\n");
        sb.Append("title: ").Append(title).Append('\n');
        sb.Append("date: ").Append(date).Append('\n');
        sb.Append("severity: ").Append(severity).Append('\n');
        sb.Append("summary: ").Append(summary).Append('\n');
        if (lang is not null) sb.Append("lang: ").Append(lang).Append('\n');
        sb.Append("tags: [").Append(string.Join(", ", tags)).Append("]\n");
        sb.Append("---\n");
        return sb.ToString();
    }

    private static string EnglishPostmortem(int i, Random random)
    {
        var title = (i % 6 == 0 ? "Database " : "") + Pick(EnglishWords, random) + " " + Pick(EnglishWords, random) + " incident " + i;
        var summary = i % 4 == 1
            ? $"The database {Pick(EnglishWords, random)} failed and latency rose."
            : $"The {Pick(EnglishWords, random)} {Pick(EnglishWords, random)} stopped for a while.";
        return FrontMatter(i, title, summary, null) + "## Summary\n\n" + Body(random, EnglishWords, ["database", "latency"]) + "\n";
    }

    private static string GermanPostmortem(int i, Random random)
    {
        var title = (i % 5 == 0 ? "Database " : "") + Pick(GermanWords, random) + " Störung " + i;
        var summary = $"Die {Pick(GermanWords, random)} fiel aus und die Latenz stieg.";
        return FrontMatter(i, title, summary, "de") + "## Zusammenfassung\n\n" + Body(random, GermanWords, ["Database", "Latenz"]) + "\n";
    }

    // 30–70 filler words with each common word 0–3 times (so a common word is missing from about a quarter of them).
    private static string Body(Random random, string[] words, string[] common)
    {
        var list = new List<string>();
        var length = random.Next(30, 71);
        for (var k = 0; k < length; k++) list.Add(Pick(words, random));
        foreach (var c in common)
        {
            var times = random.Next(0, 4);
            for (var k = 0; k < times; k++) list.Insert(random.Next(list.Count + 1), c);
        }

        return string.Join(' ', list) + ".";
    }

    private static string Pick(string[] words, Random random) => words[random.Next(words.Length)];
}
