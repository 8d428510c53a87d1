using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using KnowledgeBase.Markdown;
using KnowledgeBase.Model;
using KnowledgeBase.Reading;

namespace KnowledgeBase.Caching;

/// <summary>
/// The "parse" and "markdown" stages of one build, served from the previous build's cache where their inputs are
/// the same, and collecting this build's entries for the next one. A hit replays the stage's diagnostics exactly as
/// the stage reported them. Thread-safe for distinct files (the stages map files in parallel).
/// </summary>
public sealed class SourceCache
{
    private readonly Dictionary<string, CachedSource> _previous;
    private readonly ConcurrentDictionary<string, CachedSource> _next = new(StringComparer.Ordinal);
    private readonly string _parseContext;
    private int _parseHits, _parseMisses, _markdownHits, _markdownMisses;

    /// <param name="previous">The last build's cache (null: none, or not trusted).</param>
    /// <param name="parseContext">Everything parsing depends on besides a file's text and path (<see cref="ParseContext"/>).</param>
    public SourceCache(SourceCacheData? previous, string parseContext)
    {
        _previous = previous?.Sources.ToDictionary(s => s.Path, StringComparer.Ordinal) ?? new(StringComparer.Ordinal);
        _parseContext = parseContext;
    }

    public int ParseHits => Volatile.Read(ref _parseHits);
    public int ParseMisses => Volatile.Read(ref _parseMisses);
    public int MarkdownHits => Volatile.Read(ref _markdownHits);
    public int MarkdownMisses => Volatile.Read(ref _markdownMisses);

    /// <summary>This build's entries, in path order, for <see cref="CacheFile.SaveSources"/>.</summary>
    public IReadOnlyList<CachedSource> Entries => _next.Values.OrderBy(s => s.Path, StringComparer.Ordinal).ToList();

    /// <summary>Parsing depends on the settings (severities, default language…) and the input folder (messages name files in it).</summary>
    public static string ParseContext(SiteSettings settings, string inputDir) =>
        Hash(System.Text.Json.JsonSerializer.Serialize(settings, CacheJsonContext.Default.SiteSettings) + "\n" + Path.GetFullPath(inputDir));

    /// <summary>Body links resolve against every file's id and the build's selection; HTML depends on trust_html and the base path.</summary>
    public static string MarkdownContext(IReadOnlyDictionary<string, string> idByPath, IEnumerable<string> includedIds, bool trustHtml, string basePath)
    {
        var text = new StringBuilder();
        text.Append(trustHtml).Append('\n').Append(basePath).Append('\n');
        foreach (var (path, id) in idByPath.OrderBy(kv => kv.Key, StringComparer.Ordinal)) text.Append(path).Append('\t').Append(id).Append('\n');
        text.Append('\n');
        foreach (var id in includedIds.Order(StringComparer.Ordinal)) text.Append(id).Append('\n');
        return Hash(text.ToString());
    }

    public static string Hash(string text) =>
        XxHash128.HashToUInt128(MemoryMarshal.AsBytes(text.AsSpan())).ToString("x32", CultureInfo.InvariantCulture);

    /// <summary>Identifies a read file: its path and its text (hashed without copying the text).</summary>
    public static string HashOf(SourceFile source)
    {
        var hasher = new XxHash128();
        hasher.Append(MemoryMarshal.AsBytes(source.RelativePath.AsSpan()));
        hasher.Append([0, 0]);
        hasher.Append(MemoryMarshal.AsBytes(source.Text.AsSpan()));
        return hasher.GetCurrentHashAsUInt128().ToString("x32", CultureInfo.InvariantCulture);
    }

    private static string Combine(string a, string b) => Hash(a + "\n" + b);

    /// <summary><see cref="IncidentReader.ReadPartial"/>, or the same result from the cache.</summary>
    /// <param name="sourceHash">The file's <see cref="HashOf"/>.</param>
    public IncidentReader.ReadResult Parse(SourceFile source, string sourceHash, SiteSettings settings, ICollection<Diagnostic> diagnostics)
    {
        var key = Combine(_parseContext, sourceHash);
        if (_previous.TryGetValue(source.RelativePath, out var cached) && cached.ParseKey == key && Restore(cached, source) is { } restored)
        {
            Interlocked.Increment(ref _parseHits);
            foreach (var d in cached.ParseDiagnostics) diagnostics.Add(d);
            _next[source.RelativePath] = cached;
            return restored;
        }
        Interlocked.Increment(ref _parseMisses);
        var local = new List<Diagnostic>();
        var result = IncidentReader.ReadPartial(source, settings, local);
        foreach (var d in local) diagnostics.Add(d);
        _next[source.RelativePath] = new CachedSource(source.RelativePath, key, result.Readable is { } r ? r with { Body = "" } : null,
            result.ClaimedId, local, null, null, null);
        return result;
    }

    /// <summary>The same result <see cref="IncidentReader.ReadPartial"/> gives, its body cut from the text again.</summary>
    private static IncidentReader.ReadResult? Restore(CachedSource cached, SourceFile source)
    {
        Incident? incident = null;
        if (cached.Readable is { } readable)
        {
            if (FrontMatterSplitter.Split(source.Text, out _) is not { } split || split.BodyLine != readable.BodyLine) return null;
            incident = readable with { Body = split.Body };
        }
        var valid = cached.ParseDiagnostics.Any(d => d.IsError) ? null : incident;
        return new IncidentReader.ReadResult(valid, incident is { Id.Length: > 0 } ? incident : null, cached.ClaimedId) { Readable = incident };
    }

    /// <summary>The Markdown result of a parsed incident, from the cache when its file and <paramref name="markdownContext"/> are unchanged.</summary>
    public RenderedBody Render(Incident incident, string markdownContext, Func<ICollection<Diagnostic>, RenderedBody> render, ICollection<Diagnostic> diagnostics)
    {
        var entry = _next[incident.SourcePath];
        var key = Combine(entry.ParseKey, markdownContext);
        if (entry.MarkdownKey == key && CachedBodies.ToRendered(entry.Body!) is { } body)
        {
            Interlocked.Increment(ref _markdownHits);
            foreach (var d in entry.MarkdownDiagnostics!) diagnostics.Add(d);
            return body;
        }
        Interlocked.Increment(ref _markdownMisses);
        var local = new List<Diagnostic>();
        var rendered = render(local);
        foreach (var d in local) diagnostics.Add(d);
        var cachedBody = CachedBodies.From(rendered);
        _next[incident.SourcePath] = entry with
        {
            MarkdownKey = cachedBody is null ? null : key,
            Body = cachedBody,
            MarkdownDiagnostics = cachedBody is null ? null : local,
        };
        return rendered;
    }
}
