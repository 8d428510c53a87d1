using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using KnowledgeBase.Cli.Commands;

namespace KnowledgeBase.Tests.Site;

/// <summary>Runs the real CLI entry point and gives parsed access to the pages it wrote.</summary>
public sealed class BuiltSite
{
    private static readonly HtmlParser Parser = new();

    public BuiltSite(string outputDir, int exitCode, string stdout, string stderr)
    {
        OutputDir = outputDir;
        ExitCode = exitCode;
        Stdout = stdout;
        Stderr = stderr;
    }

    public string OutputDir { get; }
    public int ExitCode { get; }
    public string Stdout { get; }
    public string Stderr { get; }

    public static BuiltSite Build(string input, string output, params string[] extra)
    {
        var (code, stdout, stderr) = Run(["build", "--input", input, "--output", output, "--as-of", "2026-11-23", .. extra]);
        return new BuiltSite(output, code, stdout, stderr);
    }

    public static (int Code, string Stdout, string Stderr) Run(string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = KbCommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public bool Exists(string sitePath) => File.Exists(FileOf(sitePath));

    public string FileOf(string sitePath)
    {
        var relative = Uri.UnescapeDataString(sitePath.TrimStart('/'));
        if (relative.Length == 0 || relative.EndsWith('/')) relative += "index.html";
        return Path.Combine(OutputDir, relative);
    }

    public IDocument Page(string sitePath)
    {
        var file = FileOf(sitePath);
        Assert.True(File.Exists(file), $"page {sitePath} was not written ({file}); stderr: {Stderr}");
        return Parser.ParseDocument(File.ReadAllText(file));
    }

    public IEnumerable<string> HtmlFiles() =>
        Directory.EnumerateFiles(OutputDir, "*.html", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    public IDocument Parse(string file) => Parser.ParseDocument(File.ReadAllText(file));

    /// <summary>Site path of an output file, e.g. <c>/incidents/x/</c>.</summary>
    public string SitePathOf(string file)
    {
        var rel = Path.GetRelativePath(OutputDir, file).Replace('\\', '/');
        return "/" + (rel.EndsWith("index.html", StringComparison.Ordinal) ? rel[..^"index.html".Length] : rel);
    }
}
