namespace KnowledgeBase.Model;

public enum DiagnosticLevel { Error, Warning }

/// <summary>One finding about the input, located precisely enough for an editor or a PR annotation.</summary>
/// <param name="File">Path relative to the input folder, with forward slashes.</param>
/// <param name="Line">1-based line in the file (0 when the whole file is meant).</param>
/// <param name="Column">1-based column (0 when unknown).</param>
/// <param name="Field">Front-matter field path such as <c>actions[2].due</c>, or empty.</param>
public sealed record Diagnostic(
    DiagnosticLevel Level, string File, int Line, int Column, string Field, string Message)
{
    public bool IsError => Level == DiagnosticLevel.Error;

    public string Location => Line > 0
        ? (Column > 0 ? $"{File}:{Line}:{Column}" : $"{File}:{Line}")
        : File;

    public override string ToString()
    {
        var level = IsError ? "error" : "warning";
        var field = Field.Length > 0 ? $" [{Field}]" : "";
        return $"{Location}: {level}{field}: {Message}";
    }
}
