using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace KnowledgeBase.Bench.Running;

/// <summary>
/// <c>measure --result FILE -- COMMAND ARGS…</c>: runs one command as a child process and writes
/// its wall time, exit code, peak resident set size and CPU time to FILE. The benchmark starts a
/// fresh copy of this program for every measured build.
///
/// <para><b>How peak memory is measured, and why this way.</b> On Linux, after the child has exited
/// and been reaped (which <see cref="Process.WaitForExit()"/> does through <c>waitpid</c>), we call
/// <c>getrusage(RUSAGE_CHILDREN)</c>. Its <c>ru_maxrss</c> is the largest peak RSS (KiB) of any
/// waited-for descendant — exact, taken by the kernel from the child's memory high-water mark, so
/// no short-lived peak between two samples can be missed (which polling /proc/&lt;pid&gt;/status
/// VmHWM could, since it is unreadable once the child is a zombie). Two properties decide the
/// design:</para>
/// <list type="bullet">
/// <item>It is a maximum over all children the process has ever reaped. Measuring several builds
/// from one long-lived process would report the largest so far, not each build's own peak. Hence
/// one fresh wrapper process per measured build, which has exactly one child.</item>
/// <item>At <c>exec</c> Linux folds the high-water mark of the memory image being replaced into the
/// new program's <c>maxrss</c>; for a child forked/vforked by this wrapper that is the wrapper's own
/// peak RSS. The value is therefore max(kb's peak, this wrapper's peak). The benchmark measures that
/// floor once (<c>/bin/true</c> through the same wrapper) and prints it; kb is itself a .NET process
/// that loads more than this tiny wrapper, so its peak is above the floor and the reported number
/// is kb's own.</item>
/// </list>
/// <para>CPU time (user + system) comes from the same <c>getrusage</c> call. On other systems peak
/// memory and CPU time are reported as unknown (-1).</para>
/// </summary>
internal static partial class MeasureCommand
{
    public const string Name = "measure";

    public static int Run(string[] argv)
    {
        var args = Args.Parse(argv, new HashSet<string>());
        var resultPath = args.String("result") ?? throw new UsageException("--result is required");
        args.EnsureAllUsed();
        if (args.Rest.Count == 0) throw new UsageException("measure needs a command after --");

        var psi = new ProcessStartInfo(args.Rest[0]) { UseShellExecute = false };
        foreach (var a in args.Rest.Skip(1)) psi.ArgumentList.Add(a);
        // The child inherits our stdout/stderr; the benchmark captures both from this wrapper.

        var clock = Stopwatch.StartNew();
        int exitCode;
        using (var child = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {args.Rest[0]}"))
        {
            child.WaitForExit();
            clock.Stop();
            exitCode = child.ExitCode;
        }

        long maxRssKiB = -1;
        double cpuSeconds = -1;
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            if (getrusage(RusageChildren, out var usage) == 0)
            {
                // Linux reports ru_maxrss in KiB, macOS in bytes.
                maxRssKiB = OperatingSystem.IsMacOS() ? (long)usage.MaxRss / 1024 : usage.MaxRss;
                cpuSeconds = usage.UserSec + usage.UserUsec / 1e6 + usage.SystemSec + usage.SystemUsec / 1e6;
            }
        }

        File.WriteAllText(resultPath, string.Create(CultureInfo.InvariantCulture,
            $"exit={exitCode}\nwall_seconds={clock.Elapsed.TotalSeconds:R}\nmaxrss_kib={maxRssKiB}\ncpu_seconds={cpuSeconds:R}\n"));
        return 0;
    }

    private const int RusageChildren = -1;

    /// <summary>struct rusage: two struct timeval, then 14 longs. timeval's fields and the longs
    /// are C <c>long</c>, i.e. pointer-sized on Linux and macOS.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct RUsage
    {
        public nint UserSec, UserUsec, SystemSec, SystemUsec;
        public nint MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NvCsw, NivCsw;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrusage(int who, out RUsage usage);
}
