using System.Diagnostics;
using System.Text.Json;

namespace KnowledgeBase.Tests.Search;

/// <summary>Runs the node test driver (tests/KnowledgeBase.Tests/node) against the pinned lunr packages.</summary>
internal static class NodeRunner
{
    public static string RepoRoot => KnowledgeBase.Tests.Site.RepoPaths.Root;

    public static string NodeDir => Path.Combine(RepoRoot, "tests", "KnowledgeBase.Tests", "node");

    public static string NodeModules => Path.Combine(RepoRoot, "themes", "default", "node_modules");

    /// <summary>Runs <c>node lunr-tool.js args…</c> and returns stdout; fails with node's stderr.</summary>
    public static string Run(params string[] args) => RunScript("lunr-tool.js", args);

    public static string RunScript(string script, params string[] args)
    {
        Assert.True(Directory.Exists(Path.Combine(NodeModules, "lunr")),
            $"lunr is not installed under {NodeModules}; `dotnet build` runs `npm ci` in themes/default.");
        var psi = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(NodeDir, script));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["KB_NODE_MODULES"] = NodeModules;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start node");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"node {script} {string.Join(' ', args)} timed out after 120 s. stderr:\n{stderr.Result}");
        }

        Task.WaitAll(stdout, stderr);
        if (p.ExitCode != 0)
        {
            Assert.Fail($"node {script} {string.Join(' ', args)} exited with {p.ExitCode}. stderr:\n{stderr.Result}");
        }

        return stdout.Result;
    }

    /// <summary>Writes <paramref name="input"/> as JSON to a temp file and runs a command on it.</summary>
    public static JsonElement RunJson(string command, object input, string? extraArg = null)
    {
        var file = TempFile(".json");
        File.WriteAllText(file, JsonSerializer.Serialize(input));
        var args = extraArg is null ? new[] { command, file } : new[] { command, file, extraArg };
        return JsonDocument.Parse(Run(args)).RootElement.Clone();
    }

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "kb-search-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static string TempFile(string extension) => Path.Combine(TempDir(), "f" + extension);
}
