using System.Globalization;
using KnowledgeBase.Model;
using KnowledgeBase.Serving;

namespace KnowledgeBase.Cli.Serve;

/// <summary>
/// What <c>kb serve</c> tells the terminal: where it listens, each update (what changed, how long it took, how
/// many tabs reloaded), and the located errors of a bad edit in <c>kb build</c>'s format, on standard error.
/// </summary>
public sealed class ServeReporter(TextWriter stdout, TextWriter stderr)
{
    private readonly Lock _lock = new();

    public void Started(Uri address, LiveUpdate first, int incidents, ServeOptions options)
    {
        lock (_lock)
        {
            foreach (var d in first.Diagnostics) stderr.WriteLine(d.ToString());
            var shown = options.Public ? "public and published only" : options.IncludeDrafts ? "drafts and reviews included" : "published only";
            stdout.WriteLine(first.Succeeded
                ? I($"kb serve: {incidents} post-mortems ({shown}) built in {first.Elapsed.TotalSeconds:F2} s")
                : $"kb serve: {first.ErrorCount} error(s); the site is shown once they are fixed");
            stdout.WriteLine($"Serving {address} — watching {options.InputDir} and the theme; Ctrl+C stops.");
        }
    }

    public void Updated(ChangeSet changes, LiveUpdate update, int tabs)
    {
        lock (_lock)
        {
            var when = DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
            if (update.Succeeded)
            {
                foreach (var d in update.NewWarnings(changes.Settings || changes.Theme)) stderr.WriteLine(d.ToString());
                stdout.WriteLine(I($"[{when}] {changes}: updated in {update.Elapsed.TotalMilliseconds:F0} ms, reloading {tabs} tab(s)"));
            }
            else
            {
                foreach (var d in update.Errors) stderr.WriteLine(d.ToString());
                stderr.WriteLine($"[{when}] {changes}: {update.ErrorCount} error(s); still serving the last good site (the browser shows them too)");
            }
        }
    }

    public void UpdateCrashed(ChangeSet changes, Exception e)
    {
        lock (_lock) stderr.WriteLine($"kb serve: internal error while updating after {changes}: {e.GetType().Name}: {e.Message} (still serving the last good site; this is a bug in kb)");
    }

    public void SearchFailed(Exception e)
    {
        lock (_lock) stderr.WriteLine($"kb serve: the search index could not be rebuilt: {e.GetType().Name}: {e.Message} (search shows the previous index)");
    }

    public void RequestFailed(string path, string message)
    {
        lock (_lock) stderr.WriteLine($"kb serve: {path}: {message}");
    }

    public void Stopped()
    {
        lock (_lock) stdout.WriteLine("kb serve: stopped.");
    }

    public static IReadOnlyList<Diagnostic> Internal(Exception e) =>
        [new Diagnostic(DiagnosticLevel.Error, "kb", 0, 0, "", $"internal error while updating: {e.GetType().Name}: {e.Message}")];

    private static string I(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
