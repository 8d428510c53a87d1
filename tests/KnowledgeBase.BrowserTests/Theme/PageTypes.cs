namespace KnowledgeBase.BrowserTests.Theme;

/// <summary>One page of each kind a reader lands on, in the sample site.</summary>
public static class PageTypes
{
    public const string Incident = "/incidents/postgres-wal-disk-full/";

    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["home"] = "/",
        ["incident"] = Incident,
        ["incident-en"] = "/incidents/checkout-canary-rollback-2025/",
        ["tag"] = "/tags/alerting/",
        ["lessons"] = "/lessons/",
        ["actions"] = "/actions/",
        ["metrics"] = "/metrics/",
        ["search"] = "/search/?q=database",
    };

    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var name in All.Keys) data.Add(name);
            return data;
        }
    }
}
