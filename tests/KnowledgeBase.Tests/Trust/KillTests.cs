using System.Diagnostics;
using KnowledgeBase.Tests.Site;
using Xunit.Abstractions;

namespace KnowledgeBase.Tests.Trust;

/// <summary>
/// A real kb process building 3,000 post-mortems is killed with SIGKILL at several moments; every time the previous
/// site is still complete (every file's hash), and the next build succeeds and removes what the dead builds left.
/// </summary>
public sealed class KillTests(ITestOutputHelper output)
{
    private const string AsOf = "2026-03-29";

    private static string[] Leftovers(string parent) =>
        Directory.EnumerateDirectories(parent, ".out.*").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void A_build_killed_at_any_moment_leaves_the_previous_site_complete()
    {
        using var dir = new TempDir();
        var small = Path.Combine(dir.Path, "small");
        var large = Path.Combine(dir.Path, "large");
        GeneratedCorpus.Write(Path.Combine(small, "postmortems"), 40);
        var watch = Stopwatch.StartNew();
        GeneratedCorpus.Write(Path.Combine(large, "postmortems"), 3000);
        output.WriteLine($"generated 3,000 post-mortems in {watch.ElapsedMilliseconds} ms");

        var site = Path.Combine(dir.Path, "out");
        var first = KbProcess.Run(["build", "--input", small, "--output", site, "--as-of", AsOf]);
        Assert.True(first.Code == 0, first.Stderr);
        var previous = OutputFiles.Fingerprint(site);
        Assert.Contains("index.html:", previous);

        // Moments: as soon as the staging folder exists, at fixed times, and once it holds many pages.
        var moments = new (string Name, Func<KbProcess, Stopwatch, bool> Reached)[]
        {
            ("staging folder appears", (_, _) => Leftovers(dir.Path).Any(n => n.Contains(".building-", StringComparison.Ordinal))),
            ("after 200 ms", (_, t) => t.ElapsedMilliseconds >= 200),
            ("after 1 s", (_, t) => t.ElapsedMilliseconds >= 1000),
            ("after 3 s", (_, t) => t.ElapsedMilliseconds >= 3000),
            ("while the first pages are written", (_, _) => StagingFiles(dir.Path) >= 20),
            ("staging holds 2,000 files", (_, _) => StagingFiles(dir.Path) >= 2000),
        };
        foreach (var (name, reached) in moments)
        {
            var before = Leftovers(dir.Path);
            using var kb = KbProcess.Start(["build", "--input", large, "--output", site, "--as-of", AsOf]);
            var clock = Stopwatch.StartNew();
            while (!reached(kb, clock) && !kb.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2)) Thread.Sleep(2);
            Assert.False(kb.HasExited, $"the build ended before the moment '{name}' ({clock.ElapsedMilliseconds} ms): {kb.Stdout}{kb.Stderr}");
            kb.Kill();
            output.WriteLine($"killed {name} at {clock.ElapsedMilliseconds} ms; left: {string.Join(", ", Leftovers(dir.Path).Except(before))}");

            Assert.True(previous == OutputFiles.Fingerprint(site), $"the previous site changed after a kill {name}");
        }
        Assert.Contains(Leftovers(dir.Path), n => n.StartsWith(".out.building-", StringComparison.Ordinal));

        // The next build succeeds, is the same site again, and removes the dead builds' folders.
        var next = KbProcess.Run(["build", "--input", small, "--output", site, "--as-of", AsOf]);
        Assert.True(next.Code == 0, next.Stderr);
        Assert.Empty(Leftovers(dir.Path));
        Assert.Equal(previous, OutputFiles.Fingerprint(site));
    }

    private static int StagingFiles(string parent)
    {
        var staging = Directory.EnumerateDirectories(parent, ".out.building-*").FirstOrDefault();
        if (staging is null) return 0;
        try { return Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories).Take(2000).Count(); }
        catch (IOException) { return 0; }
        catch (UnauthorizedAccessException) { return 0; }
    }
}
