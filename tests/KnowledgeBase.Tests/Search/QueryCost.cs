using System.Text.Json;

namespace KnowledgeBase.Tests.Search;

/// <summary>What one query of a session downloaded and how long it took, measured by kb-search.js in node.</summary>
internal sealed record QueryCost(string Query, int Files, long RawBytes, long GzipBytes, double ColdMs, double WarmMs, int Total, IReadOnlyList<string> Top, string? Error = null)
{
    /// <summary>
    /// Runs each session (a fresh page: its queries in order, best <paramref name="top"/> results and their store
    /// buckets) over a search directory through the real kb-search.js and lunr.js (lunr-tool.js <c>cost</c>).
    /// </summary>
    public static List<List<QueryCost>> Measure(string searchDir, IEnumerable<IReadOnlyList<string>> sessions, int top = 10)
    {
        var result = NodeRunner.RunJson("cost", new { searchDir, top, sessions });
        return result.EnumerateArray().Select(s => s.EnumerateArray().Select(Parse).ToList()).ToList();
    }

    private static QueryCost Parse(JsonElement r) => r.TryGetProperty("error", out var error)
        ? new(r.GetProperty("query").GetString()!, 0, 0, 0, 0, 0, 0, [], error.GetString())
        : new(
        r.GetProperty("query").GetString()!, r.GetProperty("files").GetInt32(), r.GetProperty("raw").GetInt64(),
        r.GetProperty("gzip").GetInt64(), r.GetProperty("coldMs").GetDouble(), r.GetProperty("warmMs").GetDouble(),
        r.GetProperty("total").GetInt32(), r.GetProperty("top").EnumerateArray().Select(x => x.ToString()).ToList());
}
