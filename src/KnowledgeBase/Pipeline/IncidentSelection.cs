using System.Text.RegularExpressions;
using KnowledgeBase.Model;
using KnowledgeBase.Reading;

namespace KnowledgeBase.Pipeline;

/// <summary>
/// Which valid post-mortems a build contains. Applied once, right after validation: every later stage (markdown,
/// aggregation, metrics, similarity, search, pages, feeds, sitemap, API) only ever sees the selected incidents.
/// </summary>
public static class IncidentSelection
{
    /// <summary>
    /// A normal build: published ones (plus drafts and reviews with <c>--drafts</c>). A public build: only
    /// <c>visibility: public</c> and <c>status: published</c>; <c>--public</c> wins over <c>--drafts</c>.
    /// </summary>
    public static bool Includes(Incident incident, BuildOptions options) => options.Public
        ? incident.Visibility == Visibility.Public && incident.Status == IncidentStatus.Published
        : incident.Status == IncidentStatus.Published || options.IncludeDrafts;
}

/// <summary>
/// Keeps a public build's messages free of internal content. Diagnostics of post-mortems that are not part of the
/// public build (internal, draft, or unreadable, so their visibility is unknown) are replaced by one count per
/// level, and any path or id of such a post-mortem in the remaining messages (e.g. "did you mean …?", "already
/// used by …") is blanked out. Build logs of public sites are often public too.
/// </summary>
public sealed class PublicDiagnostics
{
    public const string Hidden = "(a post-mortem outside the public build)";

    private readonly HashSet<string> _publicFiles = new(StringComparer.Ordinal);
    private readonly HashSet<string> _hiddenNames = new(StringComparer.Ordinal);
    private Regex? _scrubber;

    /// <summary>Learns which files are public from the parse stage's results.</summary>
    public void Learn(IEnumerable<IncidentReader.ReadResult> results)
    {
        foreach (var r in results)
        {
            var incident = r.Valid ?? r.Partial ?? r.Readable;
            if (incident is { Visibility: Visibility.Public, Status: IncidentStatus.Published } && incident.SourcePath.Length > 0)
            {
                _publicFiles.Add(incident.SourcePath);
                continue;
            }
            if (incident is null) continue;
            _hiddenNames.Add(incident.SourcePath);
            if (incident.Id.Length > 0) _hiddenNames.Add(incident.Id);
            if (r.ClaimedId is { Length: > 0 } claimed) _hiddenNames.Add(claimed);
        }
        // An id also used by a public file (a duplicate) is the public file's own word.
        foreach (var r in results)
            if ((r.Valid ?? r.Partial ?? r.Readable) is { Visibility: Visibility.Public, Status: IncidentStatus.Published } p)
                _hiddenNames.Remove(p.Id);
        _scrubber = _hiddenNames.Count == 0 ? null : new Regex(
            string.Join('|', _hiddenNames.OrderByDescending(n => n.Length).ThenBy(n => n, StringComparer.Ordinal)
                .Select(n => $"(?<![A-Za-z0-9_./-]){Regex.Escape(n)}(?![A-Za-z0-9_-])")),
            RegexOptions.CultureInvariant);
    }

    public IReadOnlyList<Diagnostic> Redact(IReadOnlyList<Diagnostic> diagnostics)
    {
        var kept = new List<Diagnostic>(diagnostics.Count);
        int hiddenErrors = 0, hiddenWarnings = 0;
        foreach (var d in diagnostics)
        {
            var isPostmortem = d.File.StartsWith(InputScanner.PostmortemsFolder + "/", StringComparison.Ordinal);
            if (isPostmortem && !_publicFiles.Contains(d.File))
            {
                if (d.IsError) hiddenErrors++; else hiddenWarnings++;
                continue;
            }
            kept.Add(_scrubber is null ? d : d with { Message = _scrubber.Replace(d.Message, Hidden) });
        }
        const string folder = InputScanner.PostmortemsFolder + "/";
        if (hiddenErrors > 0)
            kept.Add(new Diagnostic(DiagnosticLevel.Error, folder, 0, 0, "",
                $"{hiddenErrors} error(s) in post-mortems outside the public build (internal, draft or unreadable) are not shown here, so that no internal content reaches a public log; build without --public (or run 'kb check') to see them"));
        if (hiddenWarnings > 0)
            kept.Add(new Diagnostic(DiagnosticLevel.Warning, folder, 0, 0, "",
                $"{hiddenWarnings} warning(s) in post-mortems outside the public build are not shown here; build without --public to see them"));
        return kept;
    }
}
