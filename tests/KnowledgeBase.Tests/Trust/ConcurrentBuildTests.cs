using KnowledgeBase.Output;
using KnowledgeBase.Tests.Site;

namespace KnowledgeBase.Tests.Trust;

/// <summary>
/// One build at a time per output folder (<see cref="OutputLock"/>): a second build into a folder another build is
/// writing fails at once, says which process holds it, and changes nothing; the lock is free again afterwards.
/// </summary>
public sealed class ConcurrentBuildTests
{
    private const string AsOf = "2026-03-29";

    [Fact]
    public void The_lock_is_held_by_one_owner_at_a_time_and_free_once_released()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "out");

        using (OutputLock.Acquire(output))
        {
            var e = Assert.Throws<OutputSafetyException>(() => OutputLock.Acquire(output));
            Assert.Contains($"another kb build is writing to '{output}' right now", e.Message);
            // Another output folder beside it is not affected.
            using var other = OutputLock.Acquire(Path.Combine(dir.Path, "out2"));
        }
        using var again = OutputLock.Acquire(output + "/");
        Assert.Equal(Path.Combine(dir.Path, ".out.kb-lock"), OutputLock.PathFor(output));
    }

    [Fact]
    public void A_build_into_a_folder_another_build_is_writing_fails_names_it_and_changes_nothing()
    {
        using var dir = new TempDir();
        var input = SmallKnowledgeBase.Create(dir);
        var output = Path.Combine(dir.Path, "out");
        var first = KbProcess.Run(["build", "--input", input, "--output", output, "--as-of", AsOf]);
        Assert.True(first.Code == 0, first.Stderr);
        var before = OutputFiles.Fingerprint(output);
        dir.Write("input/postmortems/2025/queue-backlog.md", SmallKnowledgeBase.German.Replace("title: Rückstau", "title: Großer Rückstau"));

        // This test process plays the running build: it holds the lock and has a staging folder of its own.
        var staging = Path.Combine(dir.Path, StagingFolders.BuildingName("out", Environment.ProcessId));
        dir.Write(Path.Combine(Path.GetFileName(staging), AtomicSiteWriter.MarkerFile), "kb\n");
        using (OutputLock.Acquire(output))
        {
            var second = KbProcess.Run(["build", "--input", input, "--output", output, "--as-of", AsOf]);
            Assert.Equal(2, second.Code);
            Assert.Equal($"kb: another kb build (process {Environment.ProcessId}) is writing to '{output}' right now; wait for it to finish, then build again",
                second.Stderr.Trim());
            Assert.Equal(before, OutputFiles.Fingerprint(output));
            Assert.True(Directory.Exists(staging), "the running build's folder was touched");
        }
        Directory.Delete(staging, recursive: true);

        var third = KbProcess.Run(["build", "--input", input, "--output", output, "--as-of", AsOf]);
        Assert.True(third.Code == 0, third.Stderr);
        Assert.NotEqual(before, OutputFiles.Fingerprint(output));
    }

    [Fact]
    public void A_build_that_stops_at_an_input_error_does_not_create_the_lock_file()
    {
        using var dir = new TempDir();
        var input = SmallKnowledgeBase.Create(dir);
        dir.Write("input/postmortems/2024/tls-expired.md", SmallKnowledgeBase.English.Replace("severity: SEV2", "severity: SEV9"));
        var build = KbProcess.Run(["build", "--input", input, "--output", Path.Combine(dir.Path, "out"), "--as-of", AsOf]);
        Assert.Equal(1, build.Code);
        Assert.False(File.Exists(Path.Combine(dir.Path, ".out.kb-lock")));
    }

    [Fact]
    public void Kb_check_takes_no_lock()
    {
        using var dir = new TempDir();
        var input = SmallKnowledgeBase.Create(dir);
        using (OutputLock.Acquire(Path.Combine(dir.Path, "out")))
        {
            var check = KbProcess.Run(["check", "--input", input]);
            Assert.True(check.Code == 0, check.Stderr);
        }
    }
}
