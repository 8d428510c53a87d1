using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using KnowledgeBase.Search.Analysis;

namespace KnowledgeBase.Search;

/// <summary>What answering one query downloads (files not already loaded in the session).</summary>
public sealed record QueryCost(IReadOnlyList<string> Files, long RawBytes, long GzipBytes, IReadOnlyList<string> TopRefs)
{
    public int FileCount => Files.Count;
}

/// <summary>
/// Reads a written search directory the way kb-search.js does, to measure it: total size, and the files (and
/// bytes, raw and gzip) a query downloads before its first results: the manifest, the runtime, the shard and
/// dictionary files the query's terms need in every language family searched, and the results-store buckets
/// of the top results (ranked here with lunr's scores for the query terms). File selection mirrors
/// kb-search.js; the query syntax understood is lunr's (terms, <c>field:</c>, <c>+</c>/<c>-</c>, <c>*</c>,
/// <c>~n</c>, <c>^n</c>). Thread-safe.
/// </summary>
public sealed class SearchManifestReader
{
    private readonly string dir;
    private readonly JsonElement manifest;
    private readonly ConcurrentDictionary<string, (long Raw, long Gzip)> sizes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonElement> json = new(StringComparer.Ordinal);

    private SearchManifestReader(string dir)
    {
        this.dir = dir;
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, SearchIndexWriter.ManifestFile)));
        manifest = doc.RootElement.Clone();
    }

    public static SearchManifestReader Open(string searchDir) => new(searchDir);

    public IReadOnlyList<string> Languages =>
        manifest.GetProperty("languages").EnumerateArray().Select(l => l.GetProperty("lang").GetString()!).ToList();

    /// <summary>Every file of the search directory with its raw and gzip size.</summary>
    public IReadOnlyDictionary<string, (long Raw, long Gzip)> AllFiles()
    {
        var result = new SortedDictionary<string, (long, long)>(StringComparer.Ordinal);
        foreach (var p in Directory.GetFiles(dir, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(dir, p).Replace('\\', '/');
            result[rel] = Size(rel);
        }

        return result;
    }

    public (long Raw, long Gzip) Size(string relativePath) => sizes.GetOrAdd(relativePath, p =>
    {
        var bytes = File.ReadAllBytes(Path.Combine(dir, p));
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(bytes);
        return (bytes.Length, ms.Length);
    });

    /// <summary>
    /// The files a query downloads in a fresh page (or, with <paramref name="alreadyLoaded"/>, in addition to
    /// what the session already has; the set is updated). <paramref name="lang"/> limits the search to one
    /// language family; null searches every family, as the site does.
    /// </summary>
    public QueryCost BytesForQuery(string query, string? lang = null, ISet<string>? alreadyLoaded = null, int top = 10)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal) { SearchIndexWriter.ManifestFile, SearchIndexWriter.RuntimeFile };
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var l in manifest.GetProperty("languages").EnumerateArray())
        {
            var code = l.GetProperty("lang").GetString()!;
            if (lang is not null && LanguageAnalyzer.For(lang).Code != code) continue;
            PlanLanguage(l, LanguageAnalyzer.For(code), query, files, scores);
        }

        var bucketSize = manifest.GetProperty("store").GetProperty("bucketSize").GetInt32();
        var topRefs = scores.OrderByDescending(kv => kv.Value).ThenBy(kv => int.Parse(kv.Key, System.Globalization.CultureInfo.InvariantCulture))
            .Take(top).Select(kv => kv.Key).ToList();
        foreach (var r in topRefs)
        {
            files.Add(manifest.GetProperty("store").GetProperty("file").GetString()!
                .Replace("{n}", (int.Parse(r, System.Globalization.CultureInfo.InvariantCulture) / bucketSize).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        var fresh = files.Where(f => alreadyLoaded is null || !alreadyLoaded.Contains(f)).ToList();
        if (alreadyLoaded is not null) foreach (var f in fresh) alreadyLoaded.Add(f);
        return new QueryCost(fresh, fresh.Sum(f => Size(f).Raw), fresh.Sum(f => Size(f).Gzip), topRefs);
    }

    private void PlanLanguage(JsonElement l, LanguageAnalyzer analyzer, string query, ISet<string> files, Dictionary<string, double> scores)
    {
        var clauses = ParseQuery(analyzer.Normalize(query));
        var terms = new List<(string Term, bool Prohibited)>();
        if (l.TryGetProperty("index", out var single))
        {
            var path = single.GetString()!;
            files.Add(path);
            Score(Load(path), clauses.Where(c => !c.Prohibited && !c.Wildcard && c.EditDistance == 0)
                .Select(c => analyzer.RunSearchPipeline(c.Term)), scores);
            return;
        }

        var shards = l.GetProperty("shards");
        var ranges = shards.GetProperty("ranges").EnumerateArray().Select(r => (r[0].GetString()!, r[1].GetString()!)).ToList();
        var needed = new SortedSet<int>();
        var exact = new List<string>();
        foreach (var c in clauses)
        {
            var term = c.Wildcard ? c.Term : analyzer.RunSearchPipeline(c.Term);
            var star = term.IndexOf('*');
            if (star >= 0 || c.EditDistance > 1)
            {
                if (star <= 0 || c.EditDistance > 0)
                {
                    for (var i = 0; i < ranges.Count; i++) needed.Add(i);
                    continue;
                }

                var prefix = term[..star];
                for (var i = 0; i < ranges.Count; i++)
                {
                    if (string.CompareOrdinal(ranges[i].Item2, prefix) >= 0 &&
                        (string.CompareOrdinal(ranges[i].Item1, prefix) <= 0 || ranges[i].Item1.StartsWith(prefix, StringComparison.Ordinal)))
                        needed.Add(i);
                }
            }
            else if (c.EditDistance == 1)
            {
                foreach (var cand in FuzzyCandidates(l, term, files))
                {
                    var i = ShardOf(ranges, cand);
                    if (i >= 0) needed.Add(i);
                }
            }
            else
            {
                var i = ShardOf(ranges, term);
                if (i >= 0 && TermExists(l, term, files)) needed.Add(i);
                if (!c.Prohibited) exact.Add(term);
            }
        }

        if (clauses.Count > 0 && clauses.All(c => c.Prohibited)) files.Add(manifest.GetProperty("facets").GetString()!);
        var template = shards.GetProperty("file").GetString()!;
        foreach (var i in needed)
        {
            var path = template.Replace("{n}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            files.Add(path);
            Score(Load(path), exact, scores);
        }
    }

    private bool TermExists(JsonElement l, string term, ISet<string> files)
    {
        var fwd = l.GetProperty("dictionary").GetProperty("fwd");
        var chunk = -1;
        var n = 0;
        foreach (var first in fwd.GetProperty("first").EnumerateArray())
        {
            if (string.CompareOrdinal(first.GetString(), term) <= 0) chunk = n;
            n++;
        }

        if (chunk < 0) return false;
        var path = fwd.GetProperty("file").GetString()!.Replace("{n}", chunk.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        files.Add(path);
        return Load(path).EnumerateArray().Any(x => x.GetString() == term);
    }

    private static int ShardOf(List<(string First, string Last)> ranges, string term)
    {
        int lo = 0, hi = ranges.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (string.CompareOrdinal(ranges[mid].First, term) <= 0) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }

        return found >= 0 && string.CompareOrdinal(term, ranges[found].Last) <= 0 ? found : -1;
    }

    private IEnumerable<string> FuzzyCandidates(JsonElement l, string q, ISet<string> files)
    {
        var tail = q.Length > 0 ? q[1..] : q;
        var skip1 = q.Length > 0 ? q[..1] + (q.Length > 2 ? q[2..] : "") : q;
        var lookups = new List<(string Kind, string Key, bool Prefix)>
        {
            ("fwd", q[..Math.Min(2, q.Length)], true), ("fwd", tail, false), ("fwd", skip1, false),
            ("del0", tail, false), ("del0", q, false), ("del1", skip1, false), ("del1", q, false),
        };
        if (q.Length >= 2) lookups.Add(("fwd", $"{q[1]}{q[0]}{q[2..]}", false));
        if (q.Length >= 3) lookups.Add(("fwd", $"{q[0]}{q[2]}{q[1]}{q[3..]}", false));
        var dict = l.GetProperty("dictionary");
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (kind, key, prefix) in lookups)
        {
            var d = dict.GetProperty(kind);
            var firsts = d.GetProperty("first").EnumerateArray().Select(x => x.GetString()!).ToList();
            var start = -1;
            for (var i = 0; i < firsts.Count; i++) if (string.CompareOrdinal(firsts[i], key) <= 0) start = i;
            var chunks = new List<int>();
            if (!prefix) { if (start >= 0) chunks.Add(start); }
            else
            {
                for (var i = Math.Max(0, start); i < firsts.Count; i++)
                {
                    if (string.CompareOrdinal(firsts[i], key) > 0 && !firsts[i].StartsWith(key, StringComparison.Ordinal)) break;
                    chunks.Add(i);
                }
            }

            foreach (var n in chunks)
            {
                var path = d.GetProperty("file").GetString()!.Replace("{n}", n.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
                files.Add(path);
                foreach (var t in Load(path).EnumerateArray().Select(x => x.GetString()!))
                {
                    var k = TermDictionary.Key(kind, t)!;
                    if ((prefix ? k.StartsWith(key, StringComparison.Ordinal) : k == key) && WithinOneEdit(q, t)) result.Add(t);
                }
            }
        }

        return result;
    }

    /// <summary>Optimal-string-alignment distance ≤ 1 (what lunr's <c>~1</c> accepts).</summary>
    public static bool WithinOneEdit(string a, string b)
    {
        if (a == b) return true;
        if (Math.Abs(a.Length - b.Length) > 1) return false;
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        if (a.Length == b.Length)
        {
            if (a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1))) return true;
            return i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2));
        }

        return a.Length > b.Length ? a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i)) : a.AsSpan(i).SequenceEqual(b.AsSpan(i + 1));
    }

    // Adds lunr's per-document score contributions of exact terms found in an index file (fields summed).
    private static void Score(JsonElement index, IEnumerable<string> terms, Dictionary<string, double> scores)
    {
        var wanted = new HashSet<string>(terms, StringComparer.Ordinal);
        if (wanted.Count == 0) return;
        var termIndexes = new HashSet<int>();
        foreach (var entry in index.GetProperty("invertedIndex").EnumerateArray())
        {
            if (wanted.Contains(entry[0].GetString()!)) termIndexes.Add(entry[1].GetProperty("_index").GetInt32());
        }

        if (termIndexes.Count == 0) return;
        foreach (var fv in index.GetProperty("fieldVectors").EnumerateArray())
        {
            var key = fv[0].GetString()!;
            var docRef = key[(key.IndexOf('/') + 1)..];
            var elements = fv[1];
            for (var i = 0; i + 1 < elements.GetArrayLength(); i += 2)
            {
                if (!termIndexes.Contains(elements[i].GetInt32())) continue;
                scores[docRef] = scores.GetValueOrDefault(docRef) + elements[i + 1].GetDouble();
            }
        }
    }

    private JsonElement Load(string path) => json.GetOrAdd(path, p =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, p)));
        return doc.RootElement.Clone();
    });

    private sealed record Clause(string Term, bool Prohibited, bool Wildcard, int EditDistance);

    // lunr's query syntax, reduced to what file selection needs; terms are JS-lower-cased like lunr does.
    private static List<Clause> ParseQuery(string query)
    {
        var clauses = new List<Clause>();
        foreach (var word in query.Split(c => c != '-' && JsText.IsSeparator(c)))
        {
            var prohibited = false;
            var w = word;
            if (w[0] is '+' or '-')
            {
                prohibited = w[0] == '-';
                w = w[1..];
            }

            foreach (var part in w.Split(c => c == '-'))
            {
                var clause = ParseTerm(part, prohibited);
                if (clause is not null) clauses.Add(clause);
            }
        }

        return clauses;
    }

    private static Clause? ParseTerm(string t, bool prohibited)
    {
        var colon = t.IndexOf(':');
        if (colon >= 0) t = t[(colon + 1)..];
        var edit = 0;
        var tilde = t.IndexOf('~');
        var caret = t.IndexOf('^');
        var cut = new[] { tilde, caret }.Where(x => x >= 0).DefaultIfEmpty(t.Length).Min();
        if (tilde >= 0)
        {
            var digits = new string(t[(tilde + 1)..].TakeWhile(char.IsAsciiDigit).ToArray());
            edit = digits.Length > 0 ? int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) : 0;
        }

        t = JsText.ToLower(t[..cut]);
        return t.Length == 0 ? null : new Clause(t, prohibited, t.Contains('*'), edit);
    }
}

file static class SplitExtensions
{
    public static IEnumerable<string> Split(this string s, Func<char, bool> isSeparator)
    {
        var start = 0;
        for (var i = 0; i <= s.Length; i++)
        {
            if (i < s.Length && !isSeparator(s[i])) continue;
            if (i > start) yield return s[start..i];
            start = i + 1;
        }
    }
}
