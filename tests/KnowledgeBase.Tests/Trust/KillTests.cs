using System.Diagnostics;
using KnowledgeBase.Tests.Site;
using Xunit.Abstractions;

namespace KnowledgeBase.Tests.Trust;

/// <summary>
/// A real kb process building 3,000 post-mortems over a site of 40 is killed with SIGKILL at several moments; every
/// time the site is complete (every file's hash): the previous one, or the new one if the kill came after the swap.
/// The next build succeeds and removes what the dead builds left.
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
        var reference = Path.Combine(dir.Path, "reference");
        watch.Restart();
        var whole = KbProcess.Run(["build", "--input", large, "--output", reference, "--as-of", AsOf]);
        Assert.True(whole.Code == 0, whole.Stderr);
        var buildMs = watch.ElapsedMilliseconds;
        output.WriteLine($"a whole build of 3,000 takes {buildMs} ms");
        var complete = OutputFiles.Fingerprint(reference);

        // Moments: as soon as this build's staging folder exists (dead builds' folders are still there until the
        // next build cleans them), at times relative to a whole build on this machine, once it holds many pages,
        // and once the site itself changes.
        string[] before = [];
        var moments = new (string Name, Func<KbProcess, Stopwatch, bool> Reached)[]
        {
            ("staging folder appears", (_, _) => Leftovers(dir.Path).Except(before).Any(n => n.Contains(".building-", StringComparison.Ordinal))),
            ("after 200 ms", (_, t) => t.ElapsedMilliseconds >= 200),
            ("at a third of a whole build", (_, t) => t.ElapsedMilliseconds >= buildMs / 3),
            ("at four fifths of a whole build", (_, t) => t.ElapsedMilliseconds >= buildMs * 4 / 5),
            ("while the first pages are written", (_, _) => StagingFiles(dir.Path, before) >= 20),
            ("staging holds 2,000 files", (_, _) => StagingFiles(dir.Path, before) >= 2000),
            ("as soon as the site starts to change", (_, _) => IncidentPages(site) > 40),
        };
        var leftBehind = false;
        foreach (var (name, reached) in moments)
        {
            before = Leftovers(dir.Path);
            using var kb = KbProcess.Start(["build", "--input", large, "--output", site, "--as-of", AsOf]);
            var clock = Stopwatch.StartNew();
            while (!reached(kb, clock) && !kb.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2)) Thread.Sleep(2);
            if (kb.HasExited)
            {
                // Faster than the whole build it was timed against: then it must have published the new site.
                kb.WaitForExit(TimeSpan.FromMinutes(1));
                Assert.True(kb.ExitCode == 0, kb.Stderr);
                output.WriteLine($"ended before the moment '{name}' ({clock.ElapsedMilliseconds} ms)");
            }
            else
            {
                kb.Kill();
                output.WriteLine($"killed {name} at {clock.ElapsedMilliseconds} ms; left: {string.Join(", ", Leftovers(dir.Path).Except(before))}");
            }

            leftBehind |= Leftovers(dir.Path).Any(n => n.StartsWith(".out.building-", StringComparison.Ordinal));
            var after = OutputFiles.Fingerprint(site);
            if (after == complete)
            {
                // Killed after the swap, or not killed at all: the new site, whole. Back to the small one for the next moment.
                output.WriteLine("  the new site was already in place");
                var back = KbProcess.Run(["build", "--input", small, "--output", site, "--as-of", AsOf]);
                Assert.True(back.Code == 0, back.Stderr);
                after = OutputFiles.Fingerprint(site);
            }
            Assert.True(previous == after, $"the site was neither the previous nor the new one after a kill {name}");
        }
        Assert.True(leftBehind, "no kill left a staging folder behind: the moments came too late to test anything");

        // The next build succeeds, is the same site again, and removes the dead builds' folders.
        var next = KbProcess.Run(["build", "--input", small, "--output", site, "--as-of", AsOf]);
        Assert.True(next.Code == 0, next.Stderr);
        Assert.Empty(Leftovers(dir.Path));
        Assert.Equal(previous, OutputFiles.Fingerprint(site));
    }

    private static int IncidentPages(string site)
    {
        try { return Directory.EnumerateDirectories(Path.Combine(site, "incidents")).Count(); }
        catch (IOException) { return 0; }
    }

    private static int StagingFiles(string parent, string[] deadBuilds)
    {
        var staging = Directory.EnumerateDirectories(parent, ".out.building-*").FirstOrDefault(d => !deadBuilds.Contains(Path.GetFileName(d)));
        if (staging is null) return 0;
        try { return Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories).Take(2000).Count(); }
        catch (IOException) { return 0; }
        catch (UnauthorizedAccessException) { return 0; }
    }
}
