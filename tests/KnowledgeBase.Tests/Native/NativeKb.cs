using System.Diagnostics;
using System.Runtime.InteropServices;
using KnowledgeBase.Tests.Site;

namespace KnowledgeBase.Tests.Native;

/// <summary>
/// kb published the way the benchmark and README publish it for speed (<c>dotnet publish -r &lt;rid&gt;</c>: Native AOT),
/// once per test run, into a scratch folder. Trimming can silently drop what the template engine reads by
/// reflection, so the native executable is checked against the JIT-compiled CLI the other tests run in-process.
/// </summary>
public sealed class NativeKb : IDisposable
{
    private readonly TempDir _dir = new();

    public NativeKb()
    {
        var project = Path.Combine(RepoPaths.Root, "src", "KnowledgeBase.Cli", "KnowledgeBase.Cli.csproj");
        var publishDir = Path.Combine(_dir.Path, "kb");
        // Its own artifacts folder: publishing for a runtime must not rewrite the repository's obj/ (restore
        // assets) while the solution's other tests run from it.
        var (code, stdout, stderr) = Exec("dotnet", ["publish", project, "-c", "Release", "-r", RuntimeIdentifier(),
            "--artifacts-path", Path.Combine(_dir.Path, "artifacts"), "-o", publishDir, "-nologo"], TimeSpan.FromMinutes(15));
        Executable = Path.Combine(publishDir, OperatingSystem.IsWindows() ? "kb.exe" : "kb");
        if (code != 0 || !File.Exists(Executable))
            throw new InvalidOperationException($"dotnet publish -r {RuntimeIdentifier()} failed (exit {code}); Native AOT needs clang or gcc:\n{stdout}{stderr}");
    }

    /// <summary>The native executable (no kb.dll beside it: nothing is left to JIT).</summary>
    public string Executable { get; }

    public (int Code, string Stdout, string Stderr) Run(params string[] args) => Exec(Executable, args, TimeSpan.FromMinutes(2));

    /// <summary>Starts kb without waiting (kb serve); the caller reads its output and kills it.</summary>
    public Process Start(params string[] args) => Process.Start(StartInfo(Executable, args))!;

    public void Dispose() => _dir.Dispose();

    private static string RuntimeIdentifier() => RuntimeInformation.RuntimeIdentifier;

    private static (int Code, string Stdout, string Stderr) Exec(string file, string[] args, TimeSpan timeout)
    {
        using var process = Process.Start(StartInfo(file, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout)) process.Kill(true);
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static ProcessStartInfo StartInfo(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        return psi;
    }
}

[CollectionDefinition(Name)]
public sealed class NativeKbCollection : ICollectionFixture<NativeKb>
{
    public const string Name = "native kb";
}
