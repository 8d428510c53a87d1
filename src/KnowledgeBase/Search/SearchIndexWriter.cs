using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using KnowledgeBase.Search.Analysis;

namespace KnowledgeBase.Search;

/// <summary>
/// Writes the site's search files: one lunr 2.3.9 index family per language (en, ru, fr, de), each either a
/// single index file or term-range shards plus term dictionaries, a results store in small buckets, a
/// facets file, the <c>kb-search.js</c> runtime and <c>manifest.json</c>. See Search/README.md for the layout.
/// Output is deterministic: documents are ordered by id, files are sorted JSON with no timestamps.
/// </summary>
public static class SearchIndexWriter
{
    public const string ManifestFile = "manifest.json";
    public const string RuntimeFile = "kb-search.js";
    public const string LunrLanguagesVersion = "1.22.0";

    /// <summary>Index fields in declaration order, with their build-time boosts.</summary>
    public static IReadOnlyList<LunrField> Fields { get; } =
    [
        new("title", 10), new("summary", 3), new("tags", 5), new("services", 5),
        new("lessons", 2), new("actions", 2), new("body", 1),
    ];

    private static readonly JsonWriterOptions JsonOptions =
        new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>The field texts of a document, in <see cref="Fields"/> order (lists become one text each).</summary>
    public static string?[] FieldTexts(SearchDocument d) => [.. new DocumentFieldTexts(d)];

    /// <summary>The text of field number <paramref name="field"/> (in <see cref="Fields"/> order) of a document.</summary>
    public static string? FieldText(SearchDocument d, int field) => field switch
    {
        0 => d.Title,
        1 => d.Summary,
        2 => string.Join(' ', d.Tags),
        3 => string.Join(' ', d.Services),
        4 => string.Join('\n', d.Lessons),
        5 => string.Join('\n', d.ActionTitles),
        6 => d.Body.ToString(),
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    public static SearchIndexStats Write(IReadOnlyList<SearchDocument> documents, string outputDir) =>
        Write(documents, outputDir, SearchIndexOptions.Default);

    /// <summary>Writes the index into a folder of its own, replacing what a previous run wrote there.</summary>
    public static SearchIndexStats Write(
        IReadOnlyList<SearchDocument> documents, string outputDir, SearchIndexOptions options)
    {
        Directory.CreateDirectory(outputDir);
        CleanOutput(outputDir);
        // Each of the few language folders is created once, not once per file (11,000 files at 10k).
        var folders = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        return Write(documents, (relativePath, bytes) =>
        {
            var path = Path.Combine(outputDir, relativePath.Replace('/', Path.DirectorySeparatorChar));
            folders.GetOrAdd(Path.GetDirectoryName(path)!, folder => Directory.CreateDirectory(folder).Exists);
            File.WriteAllBytes(path, bytes);
        }, options);
    }

    /// <summary>
    /// Hands every index file (path relative to the index folder, bytes) to <paramref name="writeFile"/>, from
    /// several threads at once: the site writer hashes them like pages, so an unchanged shard is never rewritten.
    /// </summary>
    public static SearchIndexStats Write(
        IReadOnlyList<SearchDocument> documents, Action<string, byte[]> writeFile, SearchIndexOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(writeFile);
        options ??= SearchIndexOptions.Default;
        var clock = Stopwatch.StartNew();
        var docs = documents.OrderBy(d => d.Id, StringComparer.Ordinal).ToArray();
        for (var i = 1; i < docs.Length; i++)
        {
            if (string.Equals(docs[i].Id, docs[i - 1].Id, StringComparison.Ordinal))
                throw new ArgumentException($"Duplicate search document id '{docs[i].Id}'.", nameof(documents));
        }

        var files = new OutputSink(writeFile);
        var timings = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);

        // Results store and facets, keyed by the document's ordinal (its lunr ref): written while the indexes build.
        var store = ParallelWork.Start(() => WriteStore(docs, options, files));

        // One language at a time, its files written while the next language builds: at most two index models are
        // alive, and each is dropped once its files are out (the manifest keeps only figures).
        var languages = new List<(SearchLanguageStats Stats, LanguageManifest Manifest)>();
        ParallelWork.Background? writing = null;
        foreach (var (analyzer, lunrDocs) in Partition(docs))
        {
            var phase = Stopwatch.StartNew();
            var model = LunrIndexBuilder.Build(Fields, lunrDocs, analyzer);
            lock (timings) timings["build-" + analyzer.Code] = phase.Elapsed;
            writing?.Join();
            writing = ParallelWork.Start(() =>
            {
                var writeClock = Stopwatch.StartNew();
                var (stats, manifest) = WriteLanguage(model, analyzer, options, files);
                lock (timings) timings["write-" + analyzer.Code] = writeClock.Elapsed;
                languages.Add((stats, manifest));
                if (stats.Postings >= options.CollectAfterLanguagePostings)
                {
                    model = null!; // this closure would otherwise keep the model alive through the collection
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
                }
            });
        }

        writing?.Join();
        store.Join();

        files[RuntimeFile] = Encoding.UTF8.GetBytes(SearchRuntime.Script);
        var build = files.BuildHash();
        files[ManifestFile] = Json(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("format", 1);
            w.WriteString("build", build);
            w.WriteString("lunr", LunrJson.LunrVersion);
            w.WriteString("lunrLanguages", LunrLanguagesVersion);
            w.WriteString("runtime", RuntimeFile);
            w.WriteNumber("documents", docs.Length);
            w.WriteStartArray("fields");
            foreach (var f in Fields)
            {
                w.WriteStartObject();
                w.WriteString("name", f.Name);
                w.WriteNumber("boost", f.Boost);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("store");
            w.WriteString("file", "store/{n}.json");
            w.WriteNumber("bucketSize", options.StoreBucketSize);
            w.WriteNumber("buckets", (docs.Length + options.StoreBucketSize - 1) / options.StoreBucketSize);
            w.WriteEndObject();
            w.WriteString("facets", "facets.json");
            w.WriteStartArray("languages");
            foreach (var (_, m) in languages) m.Write(w);
            w.WriteEndArray();
            w.WriteEndObject();
        });

        var languageBytes = languages.Select(l => l.Stats).Select(s => s with { Bytes = files.BytesUnder(s.Language + "/") }).ToList();
        return new SearchIndexStats(docs.Length, files.Count, files.TotalBytes)
        {
            Languages = languageBytes,
            Elapsed = clock.Elapsed,
            Timings = timings,
        };
    }

    /// <summary>
    /// The lunr documents of each language family, in the order the writer indexes them: documents sorted by
    /// id (ordinal), ref = the document's position in that order (a decimal integer), families in
    /// <see cref="LanguageAnalyzer.All"/> order, empty families left out. Field texts are made as they are read
    /// (<see cref="DocumentFieldTexts"/>).
    /// </summary>
    public static IReadOnlyList<(LanguageAnalyzer Analyzer, List<LunrDocument> Documents)> Partition(IReadOnlyList<SearchDocument> documents)
    {
        var docs = documents.OrderBy(d => d.Id, StringComparer.Ordinal).ToArray();
        var result = new List<(LanguageAnalyzer, List<LunrDocument>)>();
        foreach (var analyzer in LanguageAnalyzer.All)
        {
            var lunrDocs = new List<LunrDocument>();
            for (var i = 0; i < docs.Length; i++)
            {
                if (LanguageAnalyzer.For(docs[i].Language) == analyzer)
                    lunrDocs.Add(new LunrDocument(i.ToString(CultureInfo.InvariantCulture), new DocumentFieldTexts(docs[i])));
            }

            if (lunrDocs.Count > 0) result.Add((analyzer, lunrDocs));
        }

        return result;
    }

    private static (SearchLanguageStats, LanguageManifest) WriteLanguage(
        LunrIndexModel model, LanguageAnalyzer analyzer, SearchIndexOptions options, OutputSink files)
    {
        var lang = analyzer.Code;
        var sorted = model.SortedTermIndexes;
        long postings = model.DocumentFrequencies.Sum(x => (long)x);
        var sharded = postings > options.SingleFilePostings;
        var shardRanges = new List<(int From, int To)>();
        var impactShards = new SortedSet<int>();
        var dictionaries = new List<(string Kind, List<string> FirstKeys)>();
        if (!sharded)
        {
            files[$"{lang}/index.json"] = LunrJson.Serialize(model);
        }
        else
        {
            var start = 0;
            long acc = 0;
            for (var p = 0; p < sorted.Length; p++)
            {
                var df = model.DocumentFrequencies[sorted[p]];
                if (acc > 0 && acc + df > options.ShardPostings)
                {
                    shardRanges.Add((start, p));
                    start = p;
                    acc = 0;
                }

                acc += df;
            }

            if (start < sorted.Length) shardRanges.Add((start, sorted.Length));

            // A term too frequent for one shard gets impact-ordered blocks instead (see ImpactBlocks).
            for (var i = 0; i < shardRanges.Count; i++)
            {
                var (from, to) = shardRanges[i];
                if (to - from == 1 && model.DocumentFrequencies[sorted[from]] > options.ShardPostings) impactShards.Add(i);
            }

            var terms = sorted.Select(t => model.Terms[t]).ToList();

            // Each dictionary entry names the shard of its term, so the manifest needs no term ranges.
            var shardOfTerm = new Dictionary<string, int>(terms.Count, StringComparer.Ordinal);
            for (var i = 0; i < shardRanges.Count; i++)
            {
                for (var p = shardRanges[i].From; p < shardRanges[i].To; p++) shardOfTerm[terms[p]] = i;
            }

            var chunks = new List<TermDictionary.ChunkData>[TermDictionary.Kinds.Count];
            ParallelWork.For(chunks.Length, k => chunks[k] = TermDictionary.Chunk(terms, TermDictionary.Kinds[k],
                TermDictionary.Kinds[k] == "fwd" ? options.DictionaryChunkTerms : options.DeletionDictionaryChunkTerms));
            var dictionaryFiles = chunks.SelectMany((list, k) => list.Select((chunk, i) => (Kind: TermDictionary.Kinds[k], Number: i, Chunk: chunk))).ToList();

            // Shards, impact blocks and dictionary chunks in one parallel loop: file creation waits on the disk, so
            // the more files are in flight, the more of that wait overlaps with serialization.
            ParallelWork.For(shardRanges.Count + dictionaryFiles.Count, j =>
            {
                if (j >= shardRanges.Count)
                {
                    var (kind, number, chunk) = dictionaryFiles[j - shardRanges.Count];
                    files[$"{lang}/dict-{kind}-{number}.json"] = Json(w =>
                    {
                        w.WriteStartObject();
                        w.WriteStartArray("terms");
                        foreach (var t in chunk.Terms) w.WriteStringValue(t);
                        w.WriteEndArray();
                        w.WriteStartArray("shards");
                        foreach (var t in chunk.Terms) w.WriteNumberValue(shardOfTerm[t]);
                        w.WriteEndArray();
                        w.WriteEndObject();
                    });
                }
                else if (impactShards.Contains(j))
                {
                    var blocks = ImpactBlocks.Serialize(model, sorted[shardRanges[j].From], options.ImpactFirstBlockDocuments, options.ImpactBlockGrowth, options.ImpactMaxBlocks);
                    for (var b = 0; b < blocks.Count; b++) files[$"{lang}/top-{j}-{b}.json"] = blocks[b];
                }
                else
                {
                    files[$"{lang}/shard-{j}.json"] = LunrJson.SerializeShard(model, shardRanges[j].From, shardRanges[j].To);
                }
            });

            for (var k = 0; k < chunks.Length; k++) dictionaries.Add((TermDictionary.Kinds[k], chunks[k].Select(c => c.FirstKey).ToList()));
        }

        var stats = new SearchLanguageStats(lang, model.Refs.Count, model.Terms.Count, postings,
            shardRanges.Count, dictionaries.Sum(d => d.FirstKeys.Count), 0);
        return (stats, new LanguageManifest(lang, model.Refs.Count, model.Terms.Count, postings, analyzer.SearchPipeline,
            sharded, shardRanges.Count, impactShards.ToList(), dictionaries));
    }

    /// <summary>The lunr-languages scripts (vendor file stems) a browser loads, after lunr.js, for a language.</summary>
    public static IReadOnlyList<string> ScriptsFor(string lang) => lang switch
    {
        "ru" => ["lunr.stemmer.support", "lunr.ru"],
        "fr" => ["lunr.stemmer.support", "lunr.fr"],
        "de" => ["lunr.stemmer.support", "lunr.de"],
        _ => [],
    };

    private static void WriteStore(SearchDocument[] docs, SearchIndexOptions options, OutputSink files)
    {
        var size = options.StoreBucketSize;
        ParallelWork.For((docs.Length + size - 1) / size, b =>
        {
            var first = b * size;
            files[$"store/{b}.json"] = Json(w =>
            {
                w.WriteStartArray();
                for (var i = first; i < Math.Min(docs.Length, first + size); i++)
                {
                    var d = docs[i];
                    w.WriteStartObject();
                    w.WriteNumber("ref", i);
                    w.WriteString("id", d.Id);
                    w.WriteString("title", d.Title);
                    w.WriteString("url", d.Url);
                    w.WriteString("date", d.Date);
                    w.WriteString("year", Year(d.Date));
                    w.WriteString("severity", d.Severity);
                    w.WriteString("lang", d.Language);
                    w.WriteString("summary", Truncate(d.Summary, options.StoreSummaryLength));
                    w.WriteStartArray("tags");
                    foreach (var t in d.Tags) w.WriteStringValue(t);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
        });

        // Facets: one small integer per document and facet, for filtering every match, not only the shown ones.
        files["facets.json"] = Json(w =>
        {
            w.WriteStartObject();
            Column(w, "lang", docs.Select(d => d.Language));
            Column(w, "family", docs.Select(d => LanguageAnalyzer.For(d.Language).Code));
            Column(w, "severity", docs.Select(d => d.Severity));
            Column(w, "year", docs.Select(d => Year(d.Date)));
            var tagNames = docs.SelectMany(d => d.Tags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var tagIndex = tagNames.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
            w.WriteStartObject("tags");
            w.WriteStartArray("values");
            foreach (var t in tagNames) w.WriteStringValue(t);
            w.WriteEndArray();
            w.WriteStartArray("docs");
            foreach (var d in docs)
            {
                w.WriteStartArray();
                foreach (var t in d.Tags.Distinct(StringComparer.Ordinal)) w.WriteNumberValue(tagIndex[t]);
                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static void Column(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        var list = values.ToList();
        var distinct = list.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var index = distinct.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i, StringComparer.Ordinal);
        w.WriteStartObject(name);
        w.WriteStartArray("values");
        foreach (var v in distinct) w.WriteStringValue(v);
        w.WriteEndArray();
        w.WriteStartArray("docs");
        foreach (var v in list) w.WriteNumberValue(index[v]);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string Year(string date) => date.Length >= 4 ? date[..4] : date;

    private static string Truncate(string s, int max)
    {
        if (s.Length <= max) return s;
        var cut = s.LastIndexOf(' ', max);
        if (cut < max / 2) cut = max;
        return s[..cut].TrimEnd() + "…";
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, JsonOptions)) write(w);
        return ms.ToArray();
    }

    /// <summary>Passes files on as they are produced (thread-safe) and remembers only their sizes and hashes.</summary>
    private sealed class OutputSink(Action<string, byte[]> write)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (long Size, byte[] Hash)> written =
            new(StringComparer.Ordinal);

        public int Count => written.Count;

        public long TotalBytes => written.Values.Sum(v => v.Size);

        public long BytesUnder(string prefix) =>
            written.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(kv => kv.Value.Size);

        public byte[] this[string relativePath]
        {
            set
            {
                write(relativePath, value);
                if (!written.TryAdd(relativePath, (value.Length, SHA256.HashData(value))))
                    throw new InvalidOperationException("Search file written twice: " + relativePath);
            }
        }

        /// <summary>A content hash of everything written so far (paths and bytes), for cache busting.</summary>
        public string BuildHash()
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var (path, (_, hash)) in written.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                sha.AppendData(Encoding.UTF8.GetBytes(path + "\n"));
                sha.AppendData(hash);
            }

            return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
        }
    }

    /// <summary>Removes what a previous run wrote (and nothing else), so stale shards never linger.</summary>
    private static void CleanOutput(string outputDir)
    {
        foreach (var sub in new[] { "store", "en", "ru", "fr", "de" })
        {
            var dir = Path.Combine(outputDir, sub);
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }

        foreach (var f in new[] { ManifestFile, RuntimeFile, "facets.json" })
        {
            var path = Path.Combine(outputDir, f);
            if (File.Exists(path)) File.Delete(path);
        }
    }
}
