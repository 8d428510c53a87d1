using KnowledgeBase.Model;

namespace KnowledgeBase.Caching;

/// <summary>What the last successful build was made of, and what it reported: the site in the folder is exactly its output.</summary>
/// <param name="Fingerprint">Of every input of that build (<see cref="InputFingerprint"/>).</param>
/// <param name="Outcome">That build's report, replayed when nothing changed since.</param>
/// <param name="StateChecksum">Of the build state that build committed: the record only speaks for that very output
/// (a record restored from elsewhere, or left by a build whose successor was killed, names another state).</param>
public sealed record SiteRecord(string Fingerprint, CachedOutcome Outcome, string StateChecksum);

/// <summary>A successful build's messages and counts.</summary>
public sealed record CachedOutcome(IReadOnlyList<Diagnostic> Diagnostics, int Incidents, int Pages, int Files, long Bytes);
