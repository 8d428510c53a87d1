namespace KnowledgeBase.Bench.Generation;

/// <summary>Language-neutral vocabularies: services, tags, errors, teams, regions. Items earlier in
/// a list are drawn more often (see <see cref="Pcg32.Skewed"/>), so a few services and tags
/// dominate and the rest form a long tail, as in a real knowledge base.</summary>
internal static class Pools
{
    public static readonly string[] Services =
    [
        "checkout-api", "payments-gateway", "auth-service", "api-gateway", "order-service", "postgres-primary",
        "redis-cache", "search-api", "catalog-service", "user-profile", "notification-service", "kafka-cluster",
        "web-frontend", "mobile-backend", "inventory", "billing", "identity-provider", "session-store",
        "pricing-service", "shipping-service", "email-sender", "feature-flags", "config-service", "cdn-edge",
        "dns", "load-balancer", "elasticsearch", "k8s-control-plane", "recommendation-engine", "analytics-pipeline",
        "data-warehouse", "reporting", "invoicing", "media-storage", "image-resizer", "warehouse-sync",
        "fraud-detection", "ci-runners", "artifact-registry", "vpn-gateway", "internal-wiki", "chat-support",
    ];

    public static readonly string[] Tags =
    [
        "database", "deploy", "configuration", "capacity", "latency", "monitoring", "alerting", "kubernetes",
        "cache", "rollback", "timeouts", "retries", "dns", "certificates", "tls", "network", "postgresql",
        "redis", "kafka", "queue-backlog", "disk-full", "memory-leak", "oom", "load-balancer", "cdn",
        "feature-flags", "third-party", "on-call", "runbook", "communication", "status-page", "replication",
        "failover", "backup", "restore", "migration", "schema-change", "cron", "batch", "rate-limiting",
        "security", "auth", "sso", "oauth", "payments", "checkout", "black-friday", "peak-traffic",
        "observability", "logging", "vendor", "cloud", "aws", "gcp", "azure", "bgp", "firewall", "ipv6",
        "time-sync", "ntp", "clock-skew", "dst", "terraform", "ansible", "ci-cd", "pipeline", "canary",
        "blue-green", "autoscaling", "etcd", "consul", "service-mesh", "istio", "envoy", "nginx", "haproxy",
        "elasticsearch", "search", "mobile", "ios", "android", "frontend", "api", "graphql", "grpc",
        "webhooks", "email", "sms", "notifications", "billing", "invoicing", "gdpr", "compliance", "storage",
        "s3", "object-storage", "hardware", "power", "datacenter", "human-error", "process", "documentation",
        "training", "handover", "weekend", "holiday", "dependency", "supply-chain", "library-upgrade",
        "java", "dotnet", "go", "python", "gc-pauses", "connection-pool", "deadlock", "locking", "index",
        "query-plan", "slow-query", "cost", "quota", "secrets", "key-rotation", "expiry", "data-loss",
        "data-corruption", "thundering-herd", "cascading-failure", "cache-invalidation", "mysql", "rabbitmq",
        // Unicode tags, also boosted for post-mortems written in their language (see UnicodeTags).
        "база данных", "сертификаты", "сеть", "мониторинг", "развёртывание", "отказоустойчивость", "кэш",
        "очередь", "производительность", "инфраструктура",
        "sécurité", "déploiement", "base de données", "réseau", "supervision", "défaillance", "mise à jour",
        "équilibrage de charge", "latence élevée", "file d'attente",
        "Überlastung", "Zertifikate", "Datenbank", "Bereitstellung", "Störung", "Ausfallsicherheit",
        "Netzwerk", "Warteschlange", "Kapazitätsplanung", "Rückstau",
    ];

    /// <summary>The general tag vocabulary: the part of <see cref="Tags"/> before the Unicode tags.</summary>
    public static readonly int EnglishTagCount = Array.IndexOf(Tags, "база данных");

    public static readonly Dictionary<string, string[]> UnicodeTags = new()
    {
        ["ru"] = ["база данных", "сертификаты", "сеть", "мониторинг", "развёртывание", "отказоустойчивость", "кэш", "очередь", "производительность", "инфраструктура"],
        ["fr"] = ["sécurité", "déploiement", "base de données", "réseau", "supervision", "défaillance", "mise à jour", "équilibrage de charge", "latence élevée", "file d'attente"],
        ["de"] = ["Überlastung", "Zertifikate", "Datenbank", "Bereitstellung", "Störung", "Ausfallsicherheit", "Netzwerk", "Warteschlange", "Kapazitätsplanung", "Rückstau"],
        ["en"] = [],
    };

    public static readonly string[] Errors =
    [
        "HTTP 503", "HTTP 502", "HTTP 504", "HTTP 500", "ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "OOMKilled",
        "CrashLoopBackOff", "SERVFAIL", "NXDOMAIN", "x509: certificate has expired", "too many connections",
        "deadlock detected", "No space left on device", "context deadline exceeded", "TLS handshake timeout",
        "lock wait timeout exceeded", "OutOfMemoryError", "RESOURCE_EXHAUSTED", "429 Too Many Requests",
    ];

    public static readonly string[] Teams =
    [
        "Platform", "Payments", "Storage", "Identity", "Search", "Checkout", "Data", "Edge", "Messaging",
        "Mobile", "SRE", "Billing", "Core API", "Observability", "Infrastructure",
    ];

    public static readonly string[] Regions =
        ["eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-southeast-1", "fra1", "ams3", "par2", "lon1", "msk-1"];

    public static readonly string[] HostPrefixes =
        ["db-prod", "api", "worker", "cache", "lb", "kafka", "k8s-node", "edge", "batch", "search"];

    public static readonly string[] Severities = ["SEV1", "SEV2", "SEV3", "SEV4"];

    public static readonly string[] CauseCategories = ["people", "process", "technology", "material", "measurement", "environment"];

    public static readonly int[] CauseWeights = [10, 30, 35, 5, 12, 8];

    /// <summary>Relative likelihood of an incident starting in each hour of the day.</summary>
    public static readonly int[] HourWeights = [2, 1, 1, 1, 1, 2, 3, 5, 8, 10, 10, 10, 9, 9, 10, 10, 9, 8, 6, 5, 4, 3, 3, 2];
}
