using KnowledgeBase.Search.Analysis;

namespace KnowledgeBase.Search;

/// <summary>A field of a lunr index and its build-time boost.</summary>
public sealed record LunrField(string Name, double Boost = 1);

/// <summary>A document as lunr's builder sees it: a ref and one text per declared field (null = absent).</summary>
public sealed record LunrDocument(string Ref, IReadOnlyList<string?> FieldTexts, double Boost = 1);

/// <summary>
/// Reproduces <c>lunr.Builder</c> 2.3.9 (<c>add</c> + <c>build</c>): term indexes in first-occurrence order,
/// per-field document frequencies, BM25 with k1 = 1.2 and b = 0.75, field and document boosts, scores rounded
/// half-up to three decimals. The result is an in-memory model that <see cref="LunrJson"/> serializes either
/// whole or as term-range shards.
/// </summary>
public static class LunrIndexBuilder
{
    public const double K1 = 1.2;
    public const double B = 0.75;

    public static LunrIndexModel Build(
        IReadOnlyList<LunrField> fields, IReadOnlyList<LunrDocument> documents, LanguageAnalyzer analyzer)
    {
        foreach (var f in fields)
        {
            if (f.Name.Contains('/')) throw new ArgumentException($"Field name '{f.Name}' contains '/'.", nameof(fields));
        }

        var fieldCount = fields.Count;
        var docCount = documents.Count;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        void Mark(string what)
        {
            if (Environment.GetEnvironmentVariable("KB_SEARCH_PROFILE") == "1")
                Console.Error.WriteLine($"{analyzer.Code} {what} {sw.ElapsedMilliseconds} ms, live heap {GC.GetTotalMemory(true) >> 20} MB, allocated in all {GC.GetTotalAllocatedBytes() >> 20} MB");
        }

        // 1. Analyse every field of every document (parallel): distinct terms in first-occurrence order, tf, length.
        var analysed = new AnalysedField[docCount * fieldCount];
        // Each thread reuses one term counter: a fresh one per document cost more allocation than the index itself.
        var counters = new System.Collections.Concurrent.ConcurrentBag<TermCounter>();
        ParallelWork.For(docCount, () =>
            {
                var counter = new TermCounter();
                counters.Add(counter);
                return counter;
            }, (d, counter) =>
            {
                var doc = documents[d];
                if (doc.FieldTexts.Count != fieldCount)
                    throw new ArgumentException($"Document '{doc.Ref}' has {doc.FieldTexts.Count} field texts, expected {fieldCount}.");
                for (var f = 0; f < fieldCount; f++)
                {
                    counter.Clear();
                    var length = analyzer.AnalyzeField(doc.FieldTexts[f], counter.Add, counter.Cache);
                    var (terms, freqs) = counter.Result();
                    analysed[d * fieldCount + f] = new AnalysedField(terms, freqs, length);
                }
            });

        Mark($"analysed ({counters.Sum(c => c.Cache.Count)} tokens analysed by {counters.Count} threads)");
        // 2. Term indexes in first-occurrence order (documents in add order, fields in declaration order).
        var termIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var terms = new List<string>();
        var df = new List<int>();
        var fieldLengthSums = new double[fieldCount];
        var ids = new int[analysed.Length][];
        for (var i = 0; i < analysed.Length; i++)
        {
            var a = analysed[i];
            fieldLengthSums[i % fieldCount] += a.Length;
            var arr = new int[a.Terms.Length];
            for (var j = 0; j < arr.Length; j++)
            {
                ref var id = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(termIds, a.Terms[j], out var exists);
                if (!exists)
                {
                    id = terms.Count;
                    terms.Add(a.Terms[j]);
                    df.Add(0);
                }

                df[id]++;
                arr[j] = id;
            }

            ids[i] = arr;
            analysed[i] = a with { Terms = [] };
        }

        Mark($"ids ({terms.Count} terms)");
        var avgLength = new double[fieldCount];
        for (var f = 0; f < fieldCount; f++) avgLength[f] = fieldLengthSums[f] / docCount;

        var idf = new double[terms.Count];
        for (var t = 0; t < idf.Length; t++)
        {
            var x = (docCount - df[t] + 0.5) / (df[t] + 0.5);
            idf[t] = Math.Log(1 + Math.Abs(x));
        }

        // 3. Field vectors (parallel): BM25 per (field, doc, term), boosts, half-up rounding, sorted by term index.
        var vectors = new FieldVector[analysed.Length];
        ParallelWork.For(analysed.Length, i =>
        {
            var a = analysed[i];
            var f = i % fieldCount;
            var fieldBoost = fields[f].Boost == 0 ? 1 : fields[f].Boost;
            var docBoost = documents[i / fieldCount].Boost == 0 ? 1 : documents[i / fieldCount].Boost;
            var keys = ids[i];
            var scores = new double[keys.Length];
            for (var j = 0; j < keys.Length; j++)
            {
                double tf = a.Frequencies[j];
                var score = idf[keys[j]] * ((K1 + 1) * tf) /
                            (K1 * (1 - B + B * (a.Length / avgLength[f])) + tf);
                score *= fieldBoost;
                score *= docBoost;
                scores[j] = RoundHalfUp3(score);
            }

            Array.Sort(keys, scores);
            vectors[i] = new FieldVector(keys, scores);
        });

        Mark("vectors");
        return new LunrIndexModel(fields, documents.Select(d => d.Ref).ToArray(), terms.ToArray(), vectors,
            analyzer.SearchPipeline, df.ToArray());
    }

    /// <summary><c>Math.round(x * 1000) / 1000</c> with JavaScript's round-half-up (towards +∞).</summary>
    public static double RoundHalfUp3(double x)
    {
        var y = x * 1000;
        var r = Math.Floor(y);
        if (y - r >= 0.5) r += 1;
        return r / 1000;
    }

    private readonly record struct AnalysedField(string[] Terms, int[] Frequencies, int Length);

    /// <summary>
    /// A field's distinct terms in first-occurrence order with their counts; one per thread, reused field after field,
    /// with the thread's token cache.
    /// </summary>
    private sealed class TermCounter
    {
        public TokenCache Cache { get; } = new();

        private readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);
        private readonly List<string> order = [];

        public TermCounter() => Add = term =>
        {
            ref var n = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, term, out var exists);
            if (!exists) order.Add(term);
            n++;
        };

        public Action<string> Add { get; }

        public void Clear()
        {
            counts.Clear();
            order.Clear();
        }

        public (string[] Terms, int[] Frequencies) Result()
        {
            var terms = order.ToArray();
            var freqs = new int[terms.Length];
            for (var i = 0; i < terms.Length; i++) freqs[i] = counts[terms[i]];
            return (terms, freqs);
        }
    }
}

/// <summary>One field vector: term indexes ascending, with their scores.</summary>
public readonly record struct FieldVector(int[] TermIndexes, double[] Scores);

/// <summary>
/// A built lunr index: terms by term index, and one vector per (document, field) at
/// <c>docIndex * Fields.Count + fieldIndex</c>. Postings are derived from the vectors.
/// </summary>
public sealed class LunrIndexModel
{
    private readonly Lazy<int[]> sortedTermIndexes;
    private readonly Lazy<Postings> postings;
    private readonly Lazy<long[]?> refKeyOrder;
    private readonly Lazy<int[]> refNumbers;

    internal LunrIndexModel(IReadOnlyList<LunrField> fields, string[] refs, string[] terms, FieldVector[] vectors,
        IReadOnlyList<string> pipeline, int[] documentFrequencies)
    {
        Fields = fields;
        Refs = refs;
        Terms = terms;
        Vectors = vectors;
        Pipeline = pipeline;
        DocumentFrequencies = documentFrequencies;
        // Shards and impact blocks are serialized in parallel; each of these is computed once, by the first that needs it.
        sortedTermIndexes = new Lazy<int[]>(SortTerms);
        postings = new Lazy<Postings>(() => new Postings(this));
        refKeyOrder = new Lazy<long[]?>(() => LunrJson.RefKeyOrder(this));
        refNumbers = new Lazy<int[]>(() => Refs.Select(r => int.Parse(r, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
    }

    public IReadOnlyList<LunrField> Fields { get; }
    public IReadOnlyList<string> Refs { get; }
    public IReadOnlyList<string> Terms { get; }
    public IReadOnlyList<FieldVector> Vectors { get; }
    public IReadOnlyList<string> Pipeline { get; }

    /// <summary>Postings per term, summed over fields (lunr's df).</summary>
    public IReadOnlyList<int> DocumentFrequencies { get; }

    /// <summary>Term indexes ordered by term, ordinal (JavaScript's default sort).</summary>
    public int[] SortedTermIndexes => sortedTermIndexes.Value;

    /// <summary>The order of refs as keys of a JavaScript object, or null when it is document order (see <see cref="LunrJson"/>).</summary>
    internal long[]? RefKeyOrder => refKeyOrder.Value;

    internal Postings GetPostings() => postings.Value;

    /// <summary>The refs as numbers; only for refs that are decimal integers (the site's refs are document positions).</summary>
    internal int[] RefNumbers => refNumbers.Value;

    private int[] SortTerms()
    {
        var idx = Enumerable.Range(0, Terms.Count).ToArray();
        var keys = (string[])((string[])Terms).Clone();
        Array.Sort(keys, idx, StringComparer.Ordinal); // terms are distinct, so the order is total
        return idx;
    }

    /// <summary>
    /// Postings in compressed-row form: for term t and field f, entries
    /// <c>Start[t * F + f] .. Start[t * F + f + 1]</c> of <c>Docs</c>/<c>Scores</c>, documents ascending.
    /// </summary>
    internal sealed class Postings
    {
        public Postings(LunrIndexModel m)
        {
            var fieldCount = m.Fields.Count;
            Start = new int[m.Terms.Count * fieldCount + 1];
            for (var i = 0; i < m.Vectors.Count; i++)
            {
                var f = i % fieldCount;
                foreach (var t in m.Vectors[i].TermIndexes) Start[t * fieldCount + f + 1]++;
            }

            for (var i = 1; i < Start.Length; i++) Start[i] += Start[i - 1];
            Docs = new int[Start[^1]];
            Scores = new double[Start[^1]];
            var fill = (int[])Start.Clone();
            for (var i = 0; i < m.Vectors.Count; i++)
            {
                var d = i / fieldCount;
                var f = i % fieldCount;
                var v = m.Vectors[i];
                for (var j = 0; j < v.TermIndexes.Length; j++)
                {
                    var slot = fill[v.TermIndexes[j] * fieldCount + f]++;
                    Docs[slot] = d;
                    Scores[slot] = v.Scores[j];
                }
            }
        }

        public int[] Start { get; }
        public int[] Docs { get; }
        public double[] Scores { get; }
    }
}
