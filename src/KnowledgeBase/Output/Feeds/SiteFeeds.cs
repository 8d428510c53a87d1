using KnowledgeBase.Aggregation;

namespace KnowledgeBase.Output.Feeds;

/// <summary>Writes the machine-readable files of the site — feed, sitemap, data API — each built in parallel with the others.</summary>
public static class SiteFeeds
{
    /// <param name="sitePaths">Site paths of every HTML page (for the sitemap).</param>
    /// <param name="write">Thread-safe: writes one file of the site.</param>
    public static void Write(SiteModel site, IReadOnlyList<string> sitePaths, Action<string, ReadOnlyMemory<byte>> write)
    {
        Func<IEnumerable<(string Path, ReadOnlyMemory<byte> Bytes)>>[] jobs =
        [
            () => [(AtomFeed.Path, AtomFeed.Write(site))],
            () => Sitemap.Write(site, sitePaths).Select(f => (f.Path, (ReadOnlyMemory<byte>)f.Bytes)),
            () => [(DataApi.IncidentsPath, DataApi.Incidents(site))],
            () => [(DataApi.ActionsPath, DataApi.Actions(site))],
            () => [(DataApi.ActionsCsvPath, ActionsCsv.Write(site))],
        ];
        Parallel.ForEach(jobs, job =>
        {
            foreach (var (path, bytes) in job()) write(path, bytes);
        });
    }
}
