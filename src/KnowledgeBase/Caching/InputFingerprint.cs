using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using KnowledgeBase.Model;
using KnowledgeBase.Pipeline;
using KnowledgeBase.Reading;

namespace KnowledgeBase.Caching;

/// <summary>
/// One hash of everything a build's output depends on besides kb itself (whose identity the cache file carries):
/// the options (with the date "overdue" is measured against), site.yml, the theme folders' files, every
/// post-mortem's path and text, and the messages reading them gave. Equal fingerprints → the same site.
/// </summary>
public static class InputFingerprint
{
    public static string Compute(BuildOptions options, DateOnly asOf, SiteSettings settings,
        IReadOnlyList<string> sourceHashes, IEnumerable<Diagnostic> diagnosticsSoFar)
    {
        var hasher = new XxHash128();
        void Add(string text)
        {
            hasher.Append(Encoding.UTF8.GetBytes(text));
            hasher.Append([0]);
        }
        Add(string.Create(CultureInfo.InvariantCulture, $"input {Path.GetFullPath(options.InputDir)}"));
        Add(string.Create(CultureInfo.InvariantCulture, $"output {Path.GetFullPath(options.OutputDir)}"));
        Add(string.Create(CultureInfo.InvariantCulture, $"as-of {asOf:yyyy-MM-dd} base {options.BaseUrl} drafts {options.IncludeDrafts} public {options.Public} check {options.CheckOnly}"));
        // Not expected to matter (output is culture- and zone-independent), but a reused site must not bet on it.
        Add(CultureInfo.CurrentCulture.Name + " " + TimeZoneInfo.Local.Id);
        Add(System.Text.Json.JsonSerializer.Serialize(settings, CacheJsonContext.Default.SiteSettings));
        AddFile(hasher, Path.Combine(options.InputDir, SiteSettingsReader.FileName));
        foreach (var dir in options.ThemeDirs)
        {
            Add("theme " + Path.GetFullPath(dir));
            if (!Directory.Exists(dir)) continue;
            var files = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).ToList();
            files.Sort(StringComparer.Ordinal);
            foreach (var f in files)
            {
                Add(Path.GetRelativePath(dir, f));
                AddFile(hasher, f);
            }
        }
        foreach (var h in sourceHashes) Add(h);
        foreach (var d in diagnosticsSoFar.Select(d => d.ToString()).Order(StringComparer.Ordinal)) Add(d);
        return hasher.GetCurrentHashAsUInt128().ToString("x32", CultureInfo.InvariantCulture);
    }

    /// <summary>Identifies a read post-mortem for <see cref="Compute"/>: its path and its text (hashed without copying the text).</summary>
    public static string HashOf(SourceFile source)
    {
        var hasher = new XxHash128();
        hasher.Append(MemoryMarshal.AsBytes(source.RelativePath.AsSpan()));
        hasher.Append([0, 0]);
        hasher.Append(MemoryMarshal.AsBytes(source.Text.AsSpan()));
        return hasher.GetCurrentHashAsUInt128().ToString("x32", CultureInfo.InvariantCulture);
    }

    private static void AddFile(XxHash128 hasher, string path)
    {
        try
        {
            hasher.Append(File.Exists(path) ? File.ReadAllBytes(path) : "(none)"u8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable now: make the fingerprint unique, so nothing is reused.
            hasher.Append(Guid.NewGuid().ToByteArray());
        }
        hasher.Append([0]);
    }
}
