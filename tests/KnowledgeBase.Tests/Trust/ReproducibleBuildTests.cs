using System.Diagnostics;
using System.Text;
using KnowledgeBase.Tests.Site;
using Xunit.Abstractions;

namespace KnowledgeBase.Tests.Trust;

/// <summary>
/// The same input and <c>--as-of</c> give byte-identical sites when kb runs in separate processes under different
/// cultures (Turkish casing, German number format), time zones (+13:45 and −03:30), processor counts (parallel
/// ordering) and input/output locations.
/// </summary>
public sealed class ReproducibleBuildTests(ITestOutputHelper output)
{
    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static readonly Dictionary<string, string?> Turkish = new()
    {
        ["LANG"] = "tr_TR.UTF-8", ["LC_ALL"] = "tr_TR.UTF-8", ["LANGUAGE"] = "tr", ["TZ"] = "Pacific/Chatham",
        ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = null, ["DOTNET_PROCESSOR_COUNT"] = "1",
    };

    private static readonly Dictionary<string, string?> German = new()
    {
        ["LANG"] = "de_DE.UTF-8", ["LC_ALL"] = "de_DE.UTF-8", ["LANGUAGE"] = "de", ["TZ"] = "America/St_Johns",
        ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = null, ["DOTNET_PROCESSOR_COUNT"] = null,
    };

    // A third culture with a '.' decimal point and the Thai Buddhist calendar (year 2569): a date or number formatted
    // with the current culture cannot look the same in all three.
    private static readonly Dictionary<string, string?> Thai = new()
    {
        ["LANG"] = "th_TH.UTF-8", ["LC_ALL"] = "th_TH.UTF-8", ["LANGUAGE"] = "th", ["TZ"] = "Asia/Kathmandu",
        ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = null, ["DOTNET_PROCESSOR_COUNT"] = null,
    };

    [Fact]
    public void Separate_processes_under_different_cultures_and_time_zones_write_identical_bytes()
    {
        using var dir = new TempDir();
        // The sample knowledge base plus generated post-mortems whose tags and texts differ only by culture-sensitive casing.
        var inputA = Path.Combine(dir.Path, "a", "input");
        CopyDirectory(RepoPaths.SampleInput, inputA);
        GeneratedCorpus.Write(Path.Combine(inputA, "postmortems", "generated"), 150);
        var inputB = Path.Combine(dir.Path, "elsewhere", "b-input");
        CopyDirectory(inputA, inputB);

        var watch = Stopwatch.StartNew();
        var outA = Path.Combine(dir.Path, "a", "site");
        var outB = Path.Combine(dir.Path, "elsewhere", "other-site");
        var a = KbProcess.Run(["build", "--input", inputA, "--output", outA, "--as-of", "2026-03-29"], Turkish);
        var b = KbProcess.Run(["build", "--input", inputB, "--output", outB, "--as-of", "2026-03-29"], German);
        var outC = Path.Combine(dir.Path, "elsewhere", "third");
        var c = KbProcess.Run(["build", "--input", inputA, "--output", outC, "--as-of", "2026-03-29"], Thai);
        output.WriteLine($"three builds in {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(a.Code == 0, a.Stderr);
        Assert.True(b.Code == 0, b.Stderr);
        Assert.True(c.Code == 0, c.Stderr);
        Compare(outA, "tr/Chatham", outB, "de/St_Johns");
        Compare(outA, "tr/Chatham", outC, "th/Kathmandu");
    }

    /// <summary>Same files, same bytes; else the first differing files with their first differing offset.</summary>
    private static void Compare(string outA, string nameA, string outB, string nameB)
    {

        var filesA = OutputFiles.List(outA);
        var filesB = OutputFiles.List(outB);
        Assert.Equal(filesA, filesB);
        Assert.True(filesA.Count > 300, $"only {filesA.Count} files");

        var report = new StringBuilder();
        var differing = 0;
        foreach (var file in filesA)
        {
            var x = File.ReadAllBytes(Path.Combine(outA, file));
            var y = File.ReadAllBytes(Path.Combine(outB, file));
            var at = OutputFiles.FirstDifference(x, y);
            if (at < 0) continue;
            if (differing++ < 10)
                report.AppendLine($"{file} differs at byte {at}:\n  {nameA}: …{OutputFiles.Around(x, at, 70)}…\n  {nameB}: …{OutputFiles.Around(y, at, 70)}…");
        }
        Assert.True(differing == 0, $"{differing} of {filesA.Count} files differ; the first ones:\n{report}");
    }
}
