using System.Globalization;
using System.Text;

namespace KnowledgeBase.Tests.Trust;

/// <summary>
/// Writes many valid post-mortems fast and deterministically (no dependency on the bench project): mixed languages,
/// tags that differ only by Turkish and German case rules (I/ı/İ/i, ß), offsets from −03:30 to +13:45, all fields.
/// </summary>
public static class GeneratedCorpus
{
    private static readonly string[] Tags =
        ["database", "DNS", "İstanbul", "istanbul", "ISTANBUL", "ıiIİ", "Straße", "STRASSE", "cache", "Ölçüm", "ÇİĞ", "tls", "Queue", "queue", "évènement", "Ärger"];
    private static readonly string[] Services = ["api-gateway", "Postgres", "postgres", "İnvoice", "checkout", "Édition", "order-queue"];
    private static readonly string[] Offsets = ["+13:45", "-03:30", "+00:00", "+05:45", "-09:30", "+03:00", "Z"];
    private static readonly string[] Languages = ["en", "en", "ru", "fr", "de", "en"];
    private static readonly string[] Words =
        ["replica", "disk", "filled", "timeout", "certificate", "expired", "İzmir", "ılık", "Größe", "schließen", "база", "данных", "données", "échec", "retry", "latency", "3,5", "1.000", "42.7%"];

    public static void Write(string postmortemsDir, int count, int seed = 1)
    {
        for (var i = 0; i < count; i++)
        {
            var r = new Random(seed * 100_003 + i);
            string Pick(string[] from) => from[r.Next(from.Length)];
            var id = string.Create(CultureInfo.InvariantCulture, $"gen-{i:D5}");
            var year = 2019 + i % 7;
            var date = new DateOnly(year, 1 + i % 12, 1 + i % 28);
            var offset = Pick(Offsets);
            var stamp = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var sb = new StringBuilder();
            sb.Append(CultureInfo.InvariantCulture, $"""
                ---
                id: {id}
                title: Incident {i} {Pick(Words)} {Pick(Words)}
                date: {stamp}
                severity: SEV{1 + i % 4}
                summary: The {Pick(Words)} {Pick(Words)} caused {r.Next(1, 500)} minutes of {Pick(Words)}.
                lang: {Pick(Languages)}
                visibility: {(i % 3 == 0 ? "public" : "internal")}
                services: [{Pick(Services)}, {Pick(Services)}]
                tags: [{Pick(Tags)}, {Pick(Tags)}, {Pick(Tags)}]
                cause_categories: [{(i % 2 == 0 ? "process" : "technology")}]
                authors: [Author {i % 17}]
                started: {stamp}T0{i % 10}:1{i % 6}:00{offset}
                detected: {stamp}T1{i % 10}:2{i % 6}:00{offset}
                resolved: {stamp}T2{i % 4}:5{i % 6}:00{offset}
                impact:
                  users_affected: {r.Next(1, 100)}%
                  revenue: {r.NextDouble() * 1000:F2} EUR
                {(i % 50 == 7 ? $"onboarding: {1 + i / 50}\n" : "")}related: [{(i > 0 ? $"gen-{i - 1:D5}" : "gen-00001")}]
                actions:
                  - title: Fix the {Pick(Words)} alert
                    owner: Team {Pick(Words)}
                    due: {date.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}
                    status: {(i % 4 == 0 ? "done" : "open")}
                ---
                ## Summary

                {string.Join(' ', Enumerable.Range(0, 40).Select(_ => Pick(Words)))}

                ## Lessons learned

                - {Pick(Words)} needs monitoring.
                - {Pick(Words)} must be bounded.

                """);
            var folder = Path.Combine(postmortemsDir, year.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, id + ".md"), sb.ToString());
        }
    }
}
