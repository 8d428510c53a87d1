using KnowledgeBase.Model;
using KnowledgeBase.Reading;
using KnowledgeBase.Validation;

namespace KnowledgeBase.Serving;

/// <summary>kb serve's "validate" stage: <see cref="SiteValidator"/>, skipped when an edit cannot change its findings.</summary>
public sealed class IncrementalValidation(PostmortemFiles files)
{
    private IReadOnlyList<Diagnostic>? _last;
    private Dictionary<string, string> _keys = new(StringComparer.Ordinal);

    /// <summary>
    /// The "validate" stage. The cross-file rules (unique ids, related ids, reading-path order) only look at a
    /// file's id, related ids, reading-path position and status: when an edit changed none of those, and no
    /// finding of the last run was about the edited files, the last run's findings still hold.
    /// </summary>
    public IReadOnlyList<Diagnostic> Run(List<IncidentReader.ReadResult> reads, IReadOnlyList<string> reparsed)
    {
        // Reusable: no file went away, every re-read file was validated before with the same key, and no finding is about it.
        var reusable = _last is not null && files.LastRemoved == 0
            && reparsed.All(path => files.Find(path)?.Read is { Partial: not null } r
                && _keys.TryGetValue(path, out var before) && before == Key(r)
                && !_last.Any(d => d.File == path || d.Message.Contains(path, StringComparison.Ordinal)));
        if (reusable) return _last!;

        _keys = new Dictionary<string, string>(reads.Count, StringComparer.Ordinal);
        foreach (var r in reads)
            if (r.Partial is { } p) _keys[p.SourcePath] = Key(r);
        var checkable = reads.Select(r => r.Partial).OfType<Incident>().ToList();
        _last = SiteValidator.Check(checkable, reads.Select(r => r.ClaimedId).OfType<string>());
        return _last;
    }

    private static string Key(IncidentReader.ReadResult r) =>
        $"{r.Partial!.Id}\n{r.ClaimedId}\n{string.Join(',', r.Partial.Related)}\n{r.Partial.Onboarding}\n{r.Partial.Status}";
}
