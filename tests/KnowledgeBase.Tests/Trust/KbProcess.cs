using System.Diagnostics;
using System.Text;
using KnowledgeBase.Tests.Site;

namespace KnowledgeBase.Tests.Trust;

/// <summary>Runs the real <c>kb</c> executable in its own process (for kills, cultures and time zones).</summary>
public sealed class KbProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private KbProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;
    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }
    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>
    /// The built CLI: kb.dll next to the test assembly (the test project references the CLI), else
    /// src/KnowledgeBase.Cli/bin/&lt;configuration&gt;/net10.0/kb.dll under the repository root.
    /// </summary>
    public static string KbDll { get; } = FindKb();

    private static string FindKb()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "kb.dll");
        if (File.Exists(beside) && File.Exists(Path.Combine(AppContext.BaseDirectory, "kb.runtimeconfig.json"))) return beside;
        // AppContext.BaseDirectory is tests/KnowledgeBase.Tests/bin/<Configuration>/net10.0/.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
        foreach (var config in new[] { configuration, "Debug", "Release" })
        {
            var candidate = Path.Combine(RepoPaths.Root, "src", "KnowledgeBase.Cli", "bin", config, "net10.0", "kb.dll");
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException("kb.dll not found; build src/KnowledgeBase.Cli first");
    }

    /// <summary>The dotnet host running these tests (so the same runtime runs kb).</summary>
    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <param name="environment">Variables to set (a null value removes the variable).</param>
    public static KbProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(KbDll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["CI"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) info.Environment.Remove(key);
            else info.Environment[key] = value;
        }
        return new KbProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start kb"));
    }

    /// <summary>Runs kb to completion (at most <paramref name="timeout"/>) and returns its exit code.</summary>
    public static (int Code, string Stdout, string Stderr) Run(IEnumerable<string> args,
        IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        using var kb = Start(args, environment);
        if (!kb.WaitForExit(timeout ?? TimeSpan.FromMinutes(3)))
        {
            kb.Kill();
            throw new TimeoutException("kb did not finish: " + kb.Stderr);
        }
        return (kb._process.ExitCode, kb.Stdout, kb.Stderr);
    }

    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) return false;
        _process.WaitForExit(); // drains the output readers
        return true;
    }

    /// <summary>SIGKILL on Unix: no handler, no finally block, no clean-up runs.</summary>
    public void Kill()
    {
        try { _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}
