using KnowledgeBase.Markdown;
using KnowledgeBase.Model;

namespace KnowledgeBase.Caching;

/// <summary>What the last successful build was made of, and what it reported: the site in the folder is exactly its output.</summary>
/// <param name="Fingerprint">Of every input of that build (<see cref="InputFingerprint"/>).</param>
/// <param name="Outcome">That build's report, replayed when nothing changed since.</param>
/// <param name="StateChecksum">Of the build state that build committed: the record only speaks for that very output
/// (a record restored from elsewhere, or left by a build whose successor was killed, names another state).</param>
public sealed record SiteRecord(string Fingerprint, CachedOutcome Outcome, string StateChecksum);

/// <summary>The parse and Markdown results of the post-mortem files the last build read, one entry per file.</summary>
public sealed record SourceCacheData(IReadOnlyList<CachedSource> Sources);

/// <summary>A successful build's messages and counts.</summary>
public sealed record CachedOutcome(IReadOnlyList<Diagnostic> Diagnostics, int Incidents, int Pages, int Files, long Bytes);

/// <summary>
/// One post-mortem file: the parse result of its text (keyed by the text's hash and everything else parsing
/// depends on) and, when it was rendered, its Markdown result (keyed by what body links resolve against).
/// <see cref="Readable"/> is kept without its body, which is cut from the file's text again on use.
/// </summary>
public sealed record CachedSource(
    string Path,
    string ParseKey,
    Incident? Readable,
    string? ClaimedId,
    IReadOnlyList<Diagnostic> ParseDiagnostics,
    string? MarkdownKey,
    CachedBody? Body,
    IReadOnlyList<Diagnostic>? MarkdownDiagnostics);

/// <summary><see cref="RenderedBody"/> with its timeline flattened (entries point at earlier ones by index, not by nesting).</summary>
public sealed record CachedBody(
    string Html,
    IReadOnlyList<Heading> Headings,
    IReadOnlyList<string> Lessons,
    string PlainText,
    int WordCount,
    IReadOnlyList<CachedTimelineEntry>? Timeline);

/// <summary>A <see cref="TimelineEntry"/>; <see cref="Previous"/> is the index of its PreviousInOrder in the same list, -1 for none.</summary>
public sealed record CachedTimelineEntry(DateTime Moment, string Text, string Description, int Line, int Column, bool OutOfOrder, int Previous);
