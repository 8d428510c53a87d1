namespace KnowledgeBase.Tests.Site;

/// <summary>A four-language knowledge base with known content, written fresh for each test that needs it.</summary>
public static class SmallKnowledgeBase
{
    public const string English = """
        ---
        title: Certificate expired on the API gateway
        date: 2024-03-14
        severity: SEV2
        summary: The public API certificate expired and clients failed TLS handshakes for 47 minutes.
        services: [api-gateway, edge]
        tags: [Certificates, tls, база данных]
        cause_categories: [process, measurement]
        authors: [Ana Lima]
        facilitator: Sam Wu
        detected_by: Customer support
        started: 2024-03-14T09:00:00+01:00
        detected: 2024-03-14T09:12:00+01:00
        mitigated: 2024-03-14T09:47:00+01:00
        resolved: 2024-03-14T11:30:00+01:00
        impact:
          users_affected: 30%
          failed_requests: 120000
        related: [db-disk-full]
        onboarding: 2
        actions:
          - title: Alert 21 days before any certificate expires
            owner: SRE
            due: 2024-04-30
            status: done
            priority: high
            success: An alert fires in staging for a test certificate
          - title: Move the gateway certificate to automated ACME renewal
            owner: Team Edge
            due: 2024-06-30
            status: in-progress
            link: https://tracker.example.com/EDGE-12
          - title: Document manual renewal in the runbook
            owner: Team Edge
            due: 2027-01-31
          - title: Buy a second certificate vendor contract
            owner: Procurement
            due: 2024-05-01
            status: wont-do
        ---
        ## Summary

        The certificate expired. See [the database incident](../2023/db-disk-full.md) for a similar story.

        ## Timeline

        - **09:00** — certificate expires

        ## Lessons learned

        - Expiry dates belong in monitoring, not calendars.
        - Renewal must be automated end to end.

        ## Action items

        See the table.
        """;

    public const string Russian = """
        ---
        id: db-disk-full
        title: База данных остановилась из-за заполненного диска
        date: 2023-02-01
        severity: SEV1
        summary: Журналы WAL заполнили диск основной базы данных.
        lang: ru
        services: [postgres-primary]
        tags: [certificates, база данных, Postgres]
        cause_categories: [technology]
        detected: 2023-02-01T03:00:00+03:00
        mitigated: 2023-02-01T04:30:00+03:00
        resolved: 2023-02-01T06:00:00+03:00
        onboarding: 1
        actions:
          - title: Ограничить max_slot_wal_keep_size на всех кластерах
            owner: Команда БД
            due: 2023-03-01
            status: open
            priority: high
        ---
        ## Резюме

        Основная база данных остановилась.

        ## Извлечённые уроки

        - Неактивный слот репликации опасен.
        """;

    public const string French = """
        ---
        title: Panne DNS après migration
        date: 2024-11-05
        severity: SEV3
        summary: Un TTL trop long a prolongé la panne.
        lang: fr
        services: [edge-dns]
        tags: [dns, Base de données]
        lessons:
          - Baisser le TTL avant toute migration.
        related: [tls-expired]
        ---
        ## Résumé

        La base de données n'était pas en cause.

        ## Leçons apprises

        - Cette leçon du corps est ignorée car le front matter en donne.
        """;

    public const string German = """
        ---
        title: Rückstau in der Bestellwarteschlange
        date: 2025-01-20
        severity: SEV4
        summary: Verbraucher kamen mit der Warteschlange nicht hinterher.
        lang: de
        services: [order-queue, API-Gateway]
        tags: [queue]
        actions:
          - title: Verbraucher automatisch skalieren
            owner: Team Orders
            due: 2025-03-01
            status: done
        ---
        ## Zusammenfassung

        Die Warteschlange wuchs.

        ## Erkenntnisse

        - Verzögerung der Verbraucher muss alarmieren.
        - Lasttests brauchen echte Nachrichtengrößen.
        """;

    public const string Draft = """
        ---
        title: Secret draft about payments
        date: 2025-06-01
        severity: SEV2
        summary: Not ready yet.
        status: draft
        tags: [draft-only-tag]
        ---
        Draft body.
        """;

    public const string SiteYml = """
        title: Test KB
        base_url: /
        default_lang: en
        edit_url: https://github.com/acme/kb/edit/main/input/
        """;

    /// <summary>Writes the knowledge base and returns its input folder.</summary>
    public static string Create(TempDir dir)
    {
        dir.Write("input/site.yml", SiteYml);
        dir.Write("input/postmortems/2024/tls-expired.md", English);
        dir.Write("input/postmortems/2023/db-disk-full.md", Russian);
        dir.Write("input/postmortems/2024/dns-migration.md", French);
        dir.Write("input/postmortems/2025/queue-backlog.md", German);
        dir.Write("input/postmortems/2025/secret-draft.md", Draft);
        return Path.Combine(dir.Path, "input");
    }
}
