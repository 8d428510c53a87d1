using System.Buffers;
using KnowledgeBase.Aggregation;

namespace KnowledgeBase.Output.Feeds;

/// <summary>Writes one file of the site: the callee hands <c>fill</c> a buffer, which <c>fill</c> writes the file's bytes into.</summary>
public delegate void FileFiller(string path, Action<IBufferWriter<byte>> fill);

/// <summary>Writes the machine-readable files of the site — feed, sitemap, data API — each built in parallel with the others.</summary>
public static class SiteFeeds
{
    /// <param name="sitePaths">Site paths of every HTML page (for the sitemap).</param>
    /// <param name="write">Thread-safe: writes one file of the site. The data API's files are written straight into
    /// the buffer it gives (kb build: pooled blocks), not first into arrays of their own: at 10,000 post-mortems they
    /// are 44 MB, and their arrays and copies made the build's peak memory (issue 6).</param>
    public static void Write(SiteModel site, IReadOnlyList<string> sitePaths, FileFiller write)
    {
        Action[] jobs =
        [
            () => Bytes(write, AtomFeed.Path, AtomFeed.Write(site)),
            () =>
            {
                foreach (var (path, bytes) in Sitemap.Write(site, sitePaths)) Bytes(write, path, bytes);
            },
            () => write(DataApi.IncidentsPath, output => DataApi.Incidents(site, output)),
            () => write(DataApi.ActionsPath, output => DataApi.Actions(site, output)),
            () => write(DataApi.ActionsCsvPath, output => ActionsCsv.Write(site, output)),
        ];
        Parallel.ForEach(jobs, job => job());
    }

    private static void Bytes(FileFiller write, string path, byte[] bytes) => write(path, output => output.Write(bytes));
}
