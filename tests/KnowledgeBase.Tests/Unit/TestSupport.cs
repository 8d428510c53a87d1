using KnowledgeBase.Aggregation;
using KnowledgeBase.Markdown;
using KnowledgeBase.Model;
using KnowledgeBase.Reading;
using Xunit;

namespace KnowledgeBase.Tests.Unit;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
internal sealed class UnitTempDir : IDisposable
{
    public UnitTempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kb-unit-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes a file (creating folders) and returns its full path.</summary>
    public string Write(string relative, string text) => WriteBytes(relative, System.Text.Encoding.UTF8.GetBytes(text));

    public string WriteBytes(string relative, byte[] bytes)
    {
        var full = Combine(relative.Split('/'));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Builds post-mortem sources and model objects in memory.</summary>
internal static class Pm
{
    /// <summary>
    /// The four required fields on lines 2–5; whatever <see cref="Doc"/> adds starts on line 6.
    /// </summary>
    public const string Required = "title: Disk full\ndate: 2024-03-14\nseverity: SEV2\nsummary: The primary database stopped.\n";

    public static string Doc(string extraYaml = "", string body = "Body text.\n") => "---\n" + Required + extraYaml + "---\n" + body;

    public static SourceFile Source(string text, string relativePath = "postmortems/2024/db-disk-full.md") =>
        new("/input/" + relativePath, relativePath, text);

    public static (Incident? Incident, List<Diagnostic> Diagnostics) Read(
        string text, SiteSettings? settings = null, string relativePath = "postmortems/2024/db-disk-full.md")
    {
        var diagnostics = new List<Diagnostic>();
        var incident = IncidentReader.Read(Source(text, relativePath), settings ?? new SiteSettings(), diagnostics);
        return (incident, diagnostics);
    }

    /// <summary>Reads a document that must be valid (warnings allowed) and returns it.</summary>
    public static Incident ReadValid(string text, SiteSettings? settings = null, string relativePath = "postmortems/2024/db-disk-full.md")
    {
        var (incident, diagnostics) = Read(text, settings, relativePath);
        Assert.True(incident is not null, string.Join("\n", diagnostics));
        Assert.DoesNotContain(diagnostics, d => d.IsError);
        return incident!;
    }

    /// <summary>The only error of a document; fails when there is not exactly one.</summary>
    public static Diagnostic SingleError(string text, SiteSettings? settings = null, string relativePath = "postmortems/2024/db-disk-full.md")
    {
        var (incident, diagnostics) = Read(text, settings, relativePath);
        Assert.Null(incident);
        var errors = diagnostics.Where(d => d.IsError).ToList();
        Assert.True(errors.Count == 1, "expected exactly one error, got:\n" + string.Join("\n", diagnostics));
        return errors[0];
    }

    public static Incident Incident(string id, string? sourcePath = null, DateOnly? date = null) => new()
    {
        Id = id,
        SourcePath = sourcePath ?? $"postmortems/{id}.md",
        Title = "Incident " + id,
        Date = date ?? new DateOnly(2024, 3, 14),
        Severity = "SEV2",
        Summary = "Summary of " + id,
        Language = "en",
        Body = "",
    };

    public static RenderedIncident Rendered(Incident incident, IReadOnlyList<string>? bodyLessons = null) =>
        new(incident, new RenderedBody("", [], bodyLessons ?? [], "", 0));
}

internal static class DiagnosticAssert
{
    public static void At(Diagnostic d, DiagnosticLevel level, string file, int line, int column, string field)
    {
        Assert.Equal(level, d.Level);
        Assert.Equal(file, d.File);
        Assert.Equal(field, d.Field);
        Assert.Equal((line, column), (d.Line, d.Column));
    }
}
