using KnowledgeBase.Search;

namespace KnowledgeBase.Tests.Search;

/// <summary>
/// A deterministic multilingual post-mortem corpus for differential tests, assembled from hand-written
/// sentences (en, ru, fr, de) and a few deliberate edge cases (empty fields, İ, NBSP, U+FEFF, "--", en dashes,
/// elisions, ё, ß, umlauts, digits, Latin terms in Russian text, integer-like and odd tokens).
/// </summary>
internal static class TestCorpus
{
    public static readonly Dictionary<string, string[]> Titles = new()
    {
        ["en"] =
        [
            "Database outage during peak traffic", "DNS misconfiguration caused traffic loss",
            "Primary PostgreSQL disk filled up", "Expired TLS certificate on the API gateway",
            "Cache stampede on Black Friday checkout", "CDN purge storm took the origin down",
            "Kafka consumer lag delayed payments", "Runaway cron job exhausted connections",
            "Memory leak in the search service", "Failed deploy rolled back twice",
            "Load balancer health checks flapping", "Rate limiter blocked legitimate users",
        ],
        ["ru"] =
        [
            "Отказ базы данных в час пик", "Ошибка конфигурации DNS привела к потере трафика",
            "Закончилось место на диске PostgreSQL", "Истёк сертификат TLS на шлюзе API",
            "Лавина запросов к кэшу во время распродажи", "Очистка CDN перегрузила исходные серверы",
            "Задержка потребителей Kafka замедлила платежи", "Утечка памяти в сервисе поиска",
            "Неудачное развёртывание откатили дважды", "Проверки балансировщика нагрузки мигали",
        ],
        ["fr"] =
        [
            "Panne de la base de données pendant le pic de trafic", "Erreur de configuration DNS et perte de trafic",
            "Le disque de la base PostgreSQL s'est rempli", "Certificat TLS expiré sur la passerelle d'API",
            "Avalanche de requêtes sur le cache lors des soldes", "La purge du CDN a surchargé l'origine",
            "Retard des consommateurs Kafka sur les paiements", "Fuite de mémoire dans le service de recherche",
            "Déploiement échoué, annulé deux fois", "Les contrôles de santé de l'équilibreur oscillaient",
        ],
        ["de"] =
        [
            "Datenbankausfall während der Spitzenlast", "Fehlerhafte DNS-Konfiguration verursachte Datenverlust",
            "Festplatte der PostgreSQL-Datenbank lief voll", "Abgelaufenes TLS-Zertifikat am API-Gateway",
            "Ansturm auf den Cache beim Black-Friday-Checkout", "CDN-Bereinigung überlastete die Ursprungsserver",
            "Verzögerte Kafka-Verbraucher bremsten Zahlungen", "Speicherleck im Suchdienst",
            "Fehlgeschlagene Bereitstellung zweimal zurückgerollt", "Gesundheitsprüfungen des Lastverteilers schwankten",
        ],
    };

    public static readonly Dictionary<string, string[]> Sentences = new()
    {
        ["en"] =
        [
            "The primary database failed over during peak traffic.",
            "A DNS change caused traffic loss; the database was fine.",
            "Write-ahead logs filled the disk because archiving had silently stopped.",
            "On-call engineers were paged at 02:14 and acknowledged within four minutes.",
            "The certificate expired because the renewal job ran in the wrong region.",
            "Customers saw HTTP 503 errors for about 35 minutes.",
            "We rolled back the deployment, but the rollback itself failed twice.",
            "Connection pools were exhausted by a runaway cron job.",
            "Monitoring did not alert because the threshold was set too high.",
            "The team added synthetic checks for every public endpoint.",
            "Retries without jitter amplified the load on the origin servers.",
            "Kafka consumers fell behind and payments were delayed by hours.",
            "Nobody owned the legacy configuration, so it drifted for years.",
            "Runbooks were outdated and pointed at decommissioned hosts.",
            "The cache was flushed at the worst possible moment — right before the sale.",
            "Engineers disabled the rate limiter to restore service quickly.",
            "Lessons learned: automate renewals, test failovers, and document ownership.",
            "Error budgets were burned in a single afternoon.",
            "Dashboards showed healthy averages while the p99 latency exploded.",
            "A feature flag rollout reached 100% of users instead of 1%.",
            "The incident commander coordinated three teams across two time zones.",
            "Disk usage alerts fired, but they were routed to an unmonitored channel.",
            "We're adding capacity planning reviews to the quarterly roadmap.",
            "\"Quoted\" words, naïve cafés, and İstanbul's servers -- all indexed.",
            "Version 2.3.9 of the library was pinned; err_1a2b and INC-123456 were logged.",
            "The flapping health checks removed healthy instances from the pool.",
            "Memory grew steadily until the OOM killer restarted the search pods.",
            "Happily, the backups were verified and restored without data loss.",
        ],
        ["ru"] =
        [
            "Основная база данных переключилась на реплику в час пик.",
            "Изменение DNS привело к потере трафика, но база данных работала.",
            "Журналы предзаписи заполнили диск, потому что архивирование остановилось.",
            "Дежурные инженеры получили вызов в 02:14 и ответили через четыре минуты.",
            "Сертификат истёк, так как задача продления запускалась не в том регионе.",
            "Клиенты видели ошибки HTTP 503 около 35 минут.",
            "Мы откатили развёртывание, но сам откат дважды завершился ошибкой.",
            "Пулы соединений были исчерпаны вышедшей из-под контроля задачей cron.",
            "Мониторинг не сработал, потому что порог был слишком высоким.",
            "Команда добавила синтетические проверки для каждой публичной точки входа.",
            "Повторные попытки без случайной задержки увеличили нагрузку на серверы.",
            "Потребители Kafka отстали, и платежи задержались на несколько часов.",
            "Никто не отвечал за старую конфигурацию PostgreSQL и nginx.",
            "Инструкции устарели и указывали на выведенные из эксплуатации хосты.",
            "Кэш был очищен в самый неудачный момент — прямо перед распродажей.",
            "Уроки: автоматизировать продление, проверять переключение, назначать владельцев.",
            "Ёмкость дисков и ёлочные игрушки: буква ё встречается редко.",
            "Базу данных восстановили из резервной копии без потери данных.",
            "Панели показывали нормальные средние значения, а задержка p99 выросла.",
            "Руководитель инцидента координировал три команды в двух часовых поясах.",
        ],
        ["fr"] =
        [
            "La base de données principale a basculé pendant le pic de trafic.",
            "Un changement DNS a causé une perte de trafic ; la base de données allait bien.",
            "Les journaux d'écriture anticipée ont rempli le disque car l'archivage s'était arrêté.",
            "L'équipe d'astreinte a été appelée à 02:14 et a répondu en quatre minutes.",
            "Le certificat a expiré parce que la tâche de renouvellement tournait dans la mauvaise région.",
            "Les clients ont vu des erreurs HTTP 503 pendant environ 35 minutes.",
            "Nous avons annulé le déploiement, mais l'annulation elle-même a échoué deux fois.",
            "Les pools de connexions ont été épuisés par une tâche cron incontrôlée.",
            "La supervision n'a pas alerté car le seuil était trop élevé.",
            "L'équipe a ajouté des contrôles synthétiques pour chaque point d'accès public.",
            "Les nouvelles tentatives sans gigue ont amplifié la charge sur les serveurs d'origine.",
            "Jusqu'à midi, les consommateurs Kafka ont pris du retard et les paiements ont été retardés.",
            "Personne n'était responsable de l'ancienne configuration, qu'on n'avait jamais revue.",
            "Les procédures étaient obsolètes et pointaient vers des hôtes décommissionnés.",
            "Le cache a été vidé au pire moment — juste avant les soldes.",
            "Leçons apprises : automatiser les renouvellements, tester les bascules, documenter la propriété.",
            "Les tableaux de bord montraient des moyennes saines alors que la latence p99 explosait.",
            "Le cœur du problème : l'œuvre d'une configuration oubliée, c'est-à-dire l'héritage.",
            "Lorsqu'on a redémarré les nœuds, l'indisponibilité s'est prolongée.",
            "Les sauvegardes ont été vérifiées et restaurées sans perte de données.",
        ],
        ["de"] =
        [
            "Die primäre Datenbank schaltete während der Spitzenlast auf die Replik um.",
            "Eine DNS-Änderung verursachte Verkehrsverluste; die Datenbank war in Ordnung.",
            "Die Write-Ahead-Logs füllten die Festplatte, weil die Archivierung still stoppte.",
            "Die Bereitschaft wurde um 02:14 alarmiert und reagierte innerhalb von vier Minuten.",
            "Das Zertifikat lief ab, weil der Erneuerungsjob in der falschen Region lief.",
            "Kunden sahen etwa 35 Minuten lang HTTP-503-Fehler.",
            "Wir haben die Bereitstellung zurückgerollt, aber das Zurückrollen scheiterte zweimal.",
            "Verbindungspools wurden durch einen außer Kontrolle geratenen Cron-Job erschöpft.",
            "Die Überwachung schlug nicht an, weil der Schwellenwert zu hoch war.",
            "Das Team fügte synthetische Prüfungen für jeden öffentlichen Endpunkt hinzu.",
            "Wiederholungen ohne Zufallsverzögerung verstärkten die Last auf den Ursprungsservern.",
            "Kafka-Verbraucher fielen zurück und Zahlungen verzögerten sich um Stunden.",
            "Niemand war für die alte Konfiguration verantwortlich, deshalb veränderte sie sich jahrelang.",
            "Die Betriebshandbücher waren veraltet und verwiesen auf stillgelegte Hosts.",
            "Der Cache wurde im ungünstigsten Moment geleert – kurz vor dem Schlussverkauf.",
            "Erkenntnisse und Ergebnisse: Erneuerungen automatisieren, Umschaltungen testen, Zuständigkeiten dokumentieren.",
            "Die Größe der Störung und die Ereignisse zeigten Hindernisse im Verständnis der Verhältnisse.",
            "Dashboards zeigten gesunde Durchschnittswerte, während die p99-Latenz explodierte.",
            "Die Sicherungen wurden überprüft und ohne Datenverlust wiederhergestellt.",
            "Straße, Maß und Fuß: das ß bleibt in den Geheimnissen der Zeugnisse erhalten.",
        ],
    };

    public static readonly string[] Tags =
        ["database", "dns", "tls", "cache", "kafka", "cron", "memory", "deploy", "network", "capacity", "base de données", "Datenbank", "база-данных"];

    public static readonly string[] Services =
        ["orders-db", "edge-dns", "api-gateway", "checkout", "search", "payments", "cdn", "auth"];

    /// <summary>
    /// <paramref name="count"/> documents, languages rotating en, en, ru, fr, de (so English dominates),
    /// each with 3–12 sentences of body, deterministic for a given seed.
    /// </summary>
    public static List<SearchDocument> Documents(int count, int seed = 7)
    {
        var rng = new Random(seed);
        var langs = new[] { "en", "en", "ru", "fr", "de" };
        var docs = new List<SearchDocument>();
        for (var i = 0; i < count; i++)
        {
            var lang = langs[i % langs.Length];
            var s = Sentences[lang];
            string Pick() => s[rng.Next(s.Length)];
            var body = string.Join(' ', Enumerable.Range(0, 3 + rng.Next(10)).Select(_ => Pick()));
            var tags = Enumerable.Range(0, rng.Next(4)).Select(_ => Tags[rng.Next(Tags.Length)]).Distinct().ToList();
            var services = Enumerable.Range(0, 1 + rng.Next(2)).Select(_ => Services[rng.Next(Services.Length)]).Distinct().ToList();
            var lessons = Enumerable.Range(0, rng.Next(3)).Select(_ => Pick()).ToList();
            var actions = Enumerable.Range(0, rng.Next(3)).Select(_ => Pick()).ToList();
            var title = Titles[lang][rng.Next(Titles[lang].Length)];
            var summary = i % 17 == 5 ? "" : Pick();
            if (i % 23 == 3) body += " \u00A0nbsp\u00A0separated\uFEFFbom\u2013endash--double dash \u0130stanbul 2024г. 2,5 % l’équipe";
            docs.Add(new SearchDocument(
                Id: $"inc-{i:D4}-{lang}", Language: i % 29 == 11 ? "xx" : lang, Title: title, Summary: summary,
                Tags: tags, Services: services, Lessons: lessons, ActionTitles: actions, Body: body,
                Url: $"incidents/inc-{i:D4}-{lang}/", Date: $"{2019 + i % 6}-{1 + i % 12:D2}-{1 + i % 28:D2}",
                Severity: $"SEV{1 + i % 4}"));
        }

        return docs;
    }
}
