using KnowledgeBase.Model;

namespace KnowledgeBase.Search;

/// <summary>One published incident as the search index sees it.</summary>
/// <param name="Body">The body's plain text, as UTF-8 (the site model's copy, not a new one): decoded one document
/// at a time while the index is built, so the search stage never holds every body as a string.</param>
public sealed record SearchDocument(
    string Id,
    string Language,
    string Title,
    string Summary,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Lessons,
    IReadOnlyList<string> ActionTitles,
    Utf8Text Body,
    string Url,
    string Date,
    string Severity);

/// <summary>Per-language figures of one written search index.</summary>
public sealed record SearchLanguageStats(
    string Language, int Documents, int Terms, long Postings, int Shards, int DictionaryFiles, long Bytes);

/// <summary>What <see cref="SearchIndexWriter.Write(IReadOnlyList{SearchDocument}, string)"/> wrote.</summary>
public sealed record SearchIndexStats(int Documents, int Files, long Bytes)
{
    public IReadOnlyList<SearchLanguageStats> Languages { get; init; } = [];

    /// <summary>Shard files over all languages (0 when every language is a single file).</summary>
    public int Shards => Languages.Sum(l => l.Shards);

    public TimeSpan Elapsed { get; init; }

    /// <summary>Wall-clock time per phase ("build-en", "write-en", …).</summary>
    public IReadOnlyDictionary<string, TimeSpan> Timings { get; init; } = new Dictionary<string, TimeSpan>();
}

/// <summary>Tuning knobs; the defaults are what the site build uses.</summary>
public sealed record SearchIndexOptions
{
    public static SearchIndexOptions Default { get; } = new();

    /// <summary>Postings (term, field, document triples) per shard before a new shard starts.</summary>
    public int ShardPostings { get; init; } = 500;

    /// <summary>Documents in the first impact block of a term too frequent for one shard (later blocks double).</summary>
    public int ImpactFirstBlockDocuments { get; init; } = 128;

    /// <summary>Each impact block holds this many times the documents of the one before (at least 1).</summary>
    public double ImpactBlockGrowth { get; init; } = 2;

    /// <summary>Impact blocks per term at most: the last holds every remaining document. Later blocks are read only
    /// when the first ones cannot settle the top results, so splitting them further mostly adds files.</summary>
    public int ImpactMaxBlocks { get; init; } = 2;

    /// <summary>A language whose index has at most this many postings is written as one file.</summary>
    public int SingleFilePostings { get; init; } = 25000;

    /// <summary>Terms per chunk of the <c>fwd</c> dictionary, which the runtime reads to check that a term exists
    /// in a language before downloading its shard (approximate: equal keys never straddle chunks).</summary>
    public int DictionaryChunkTerms { get; init; } = 128;

    /// <summary>Terms per chunk of the <c>del0</c>/<c>del1</c> dictionaries (typo look-ups only).</summary>
    public int DeletionDictionaryChunkTerms { get; init; } = 256;

    /// <summary>Documents per results-store file.</summary>
    public int StoreBucketSize { get; init; } = 4;

    /// <summary>Characters of summary kept in the results store (for display and snippets).</summary>
    public int StoreSummaryLength { get; init; } = 160;

    /// <summary>
    /// A full garbage collection (blocking, not compacting) once a language with at least this many postings has its
    /// files written and its model dropped; null: never. kb build sets it (issue 6): a model's arrays (about 24 bytes
    /// a posting; English has 2 million at 10,000 post-mortems) live for seconds, so they reach the old generation and
    /// would stay there as garbage until the next full collection, which comes late while the whole site model is
    /// alive. Measured at 10,000 post-mortems (all four languages over 500,000): peak RSS 631 → 512 MiB for four
    /// collections of about 100 ms each. Small languages are left alone: at 1,000 post-mortems the four collections
    /// saved 10 MiB and cost 0.3–0.6 s of a 2.1 s build. Null for kb serve, whose requests must not wait for a full
    /// collection.
    /// </summary>
    public long? CollectAfterLanguagePostings { get; init; }
}
