using KnowledgeBase.Model;

namespace KnowledgeBase.Aggregation.Similarity;

/// <summary>One incident found similar to another, with what they share and whether it is a "repeat".</summary>
/// <param name="Score">0.6 × <paramref name="FacetScore"/> + 0.4 × <paramref name="TextScore"/>, between 0 and 1.</param>
/// <param name="IsRepeat">The similar incident is earlier and still has open or in-progress (possibly overdue) actions.</param>
public sealed record SimilarIncident(RenderedIncident Incident, double Score, double FacetScore, double TextScore,
    IReadOnlyList<string> SharedServices, IReadOnlyList<string> SharedTags, IReadOnlyList<string> SharedCauses,
    bool IsRepeat, int OpenActions, int OverdueActions);

/// <summary>
/// Finds up to five similar incidents for every incident at build time.
/// <para><b>Score.</b> Each incident has two vectors. Its <i>facet</i> vector holds its services, tags and cause
/// categories, each weighted by idf = ln(1 + N / df) (df: incidents with that value) and by kind (service 1, tag 1,
/// cause 0.5). Its <i>text</i> vector holds the terms (see <see cref="TextAnalyzer"/>) of its title, summary,
/// lessons and root-cause section, weighted by (1 + ln tf) · idf, its <see cref="TextTerms"/> heaviest terms kept.
/// Values that no other incident has are left out
/// (they can match nothing and would only shrink the scores). Both vectors are normalised to unit length; the
/// score of a pair is 0.6 · cos(facets) + 0.4 · cos(text). Pairs scoring below <see cref="MinScore"/> are not
/// shown. Ties go to the more recent incident.</para>
/// <para><b>Scale.</b> No pair of incidents is compared unless an inverted index proposes it: the candidates of an
/// incident are the incidents that share one of its services, tags or cause categories, or one of its
/// <see cref="CandidateTerms"/> heaviest text terms. A value shared by more than <see cref="PostingCap"/> incidents
/// only proposes the <see cref="PostingCap"/> nearest to it in time. Candidates are ranked by that partial overlap
/// and only the best <see cref="Shortlist"/> are scored exactly, so the work per incident is bounded and the whole
/// grows linearly with the number of incidents.</para>
/// </summary>
public static class SimilarIncidents
{
    public const int MaxResults = 5;
    public const double MinScore = 0.2;
    public const double FacetWeight = 0.6;
    public const double TextWeight = 0.4;
    public const int PostingCap = 48;
    public const int Shortlist = 16;
    public const int CandidateTerms = 6;
    /// <summary>Terms kept in a text vector: the heaviest ones carry the cosine; the long tail only costs time.</summary>
    public const int TextTerms = 40;

    private const double ServiceBoost = 1.0, TagBoost = 1.0, CauseBoost = 0.5;

    private readonly record struct Entry(int Id, double Weight);

    public static IReadOnlyDictionary<string, IReadOnlyList<SimilarIncident>> Find(
        IReadOnlyList<RenderedIncident> incidents, DateOnly asOf, double minScore = MinScore, SimilarityWork? work = null)
    {
        var analyzer = new TextAnalyzer(); // its terms carry this run's ids
        var n = incidents.Count;
        var result = new Dictionary<string, IReadOnlyList<SimilarIncident>>(n, StringComparer.Ordinal);
        if (n < 2)
        {
            foreach (var i in incidents) result[i.Id] = [];
            return result;
        }

        // Chronological order: postings are sorted by it, so "nearest in time" is a window around a position.
        var ordered = incidents
            .OrderBy(i => i.Incident.Date)
            .ThenBy(i => i.Incident.Times.Origin?.UtcDateTime ?? DateTime.MinValue)
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToArray();

        // Slugs of services and tags, and the text terms of each incident, in parallel.
        var slugs = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        string SlugOf(string s) => slugs.GetOrAdd(s, Slug.From);
        var termCounts = new (TextAnalyzer.Term[] Terms, int[] Counts)[n];
        var facetKeys = new List<(string Key, double Boost)>[n];
        var serviceSlugs = new string[n][];
        var tagSlugs = new string[n][];
        // One counting dictionary per thread, its terms copied out in first-seen order (a cleared dictionary
        // enumerates in insertion order): 10,000 dictionaries of their own were ~40 MB that outlived the loop.
        Parallel.For(0, n, Pipeline.Parallelism.Options, () => new Dictionary<TextAnalyzer.Term, int>(128, ReferenceEqualityComparer.Instance), (r, _, counts) =>
        {
            var incident = ordered[r];
            counts.Clear();
            var lang = incident.Incident.Language;
            analyzer.Analyze(incident.Incident.Title, lang, counts);
            analyzer.Analyze(incident.Incident.Summary, lang, counts);
            foreach (var lesson in incident.Lessons) analyzer.Analyze(lesson, lang, counts);
            analyzer.Analyze(RootCauseText.Of(incident.Body), lang, counts);
            termCounts[r] = ([.. counts.Keys], [.. counts.Values]);
            var keys = new List<(string, double)>();
            serviceSlugs[r] = incident.Incident.Services.Select(SlugOf).Distinct(StringComparer.Ordinal).ToArray();
            tagSlugs[r] = incident.Incident.Tags.Select(SlugOf).Distinct(StringComparer.Ordinal).ToArray();
            foreach (var s in serviceSlugs[r]) keys.Add(("s\u0001" + s, ServiceBoost));
            foreach (var t in tagSlugs[r]) keys.Add(("t\u0001" + t, TagBoost));
            foreach (var c in incident.Incident.CauseCategories) keys.Add(("c\u0001" + c, CauseBoost));
            facetKeys[r] = keys;
            return counts;
        }, _ => { });

        // Ids in first-seen order (deterministic: incidents in chronological order, terms in text order).
        var (facetsOf, facetBoost) = InternFacets(facetKeys);
        var (textIds, textCounts, textTermCount) = InternTerms(termCounts);
        var facetPost = Postings(facetsOf, facetBoost.Length);
        var textPost = Postings(textIds, textTermCount);

        var facetRaw = new double[facetBoost.Length];
        for (var f = 0; f < facetRaw.Length; f++) facetRaw[f] = facetBoost[f] * Idf(n, facetPost[f].Length);
        var textIdf = new double[textTermCount];
        for (var t = 0; t < textIdf.Length; t++) textIdf[t] = Idf(n, textPost[t].Length);

        var facetVec = new Entry[n][];
        var textVec = new Entry[n][];
        var topTerms = new Entry[n][];
        var facetScale = new double[n];
        var textScale = new double[n];
        Parallel.For(0, n, Pipeline.Parallelism.Options, r =>
        {
            facetVec[r] = FacetVector(facetsOf[r], facetPost, facetRaw, out var fn);
            textVec[r] = TextVector(textIds[r], textCounts[r], textPost, textIdf, out var tn);
            facetScale[r] = fn == 0 ? 0 : 1 / fn;
            textScale[r] = tn == 0 ? 0 : 1 / tn;
            topTerms[r] = Heaviest(textVec[r], CandidateTerms);
        });

        var index = new Index(facetVec, textVec, topTerms, facetPost, textPost, facetRaw, textIdf, facetScale, textScale);
        var found = new IReadOnlyList<SimilarIncident>[n];
        Parallel.For(0, n, Pipeline.Parallelism.Options,
            () => new Scratch(n, facetRaw.Length, textIdf.Length),
            (r, _, scratch) =>
            {
                var m = Rank(index, r, scratch, minScore);
                var exact = scratch.Exact;
                var list = new List<SimilarIncident>(Math.Min(m, MaxResults));
                for (var k = 0; k < m && k < MaxResults; k++)
                {
                    var j = exact[k].J;
                    list.Add(Describe(ordered[r], ordered[j], exact[k].S, exact[k].F, exact[k].T, asOf,
                        Shared(serviceSlugs[r], serviceSlugs[j]), Shared(tagSlugs[r], tagSlugs[j])));
                }
                found[r] = list;
                return scratch;
            },
            scratch => work?.Add(scratch.Candidates, scratch.Scored));

        for (var r = 0; r < n; r++) result[ordered[r].Id] = found[r];
        return result;
    }

    private static double Idf(int n, int df) => Math.Log(1.0 + (double)n / df);

    /// <summary>Facet ids per incident (sorted, each once) and each facet's kind boost.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static (int[][] Ids, double[] Boost) InternFacets(List<(string Key, double Boost)>[] keysOf)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var boost = new List<double>();
        var result = new int[keysOf.Length][];
        for (var r = 0; r < keysOf.Length; r++)
        {
            var mine = new List<int>(keysOf[r].Count);
            foreach (var (key, b) in keysOf[r])
            {
                if (!ids.TryGetValue(key, out var id))
                {
                    ids[key] = id = boost.Count;
                    boost.Add(b);
                }
                if (!mine.Contains(id)) mine.Add(id);
            }
            mine.Sort();
            result[r] = mine.ToArray();
        }
        return (result, boost.ToArray());
    }

    /// <summary>Term ids (sorted) and counts per incident; ids are given in first-seen order, kept on the terms.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static (int[][] Ids, int[][] Counts, int Terms) InternTerms((TextAnalyzer.Term[] Terms, int[] Counts)[] countsOf)
    {
        var next = 0;
        var ids = new int[countsOf.Length][];
        var counts = new int[countsOf.Length][];
        for (var r = 0; r < countsOf.Length; r++)
        {
            var (terms, c) = countsOf[r];
            var i = new int[terms.Length];
            for (var k = 0; k < terms.Length; k++)
            {
                var term = terms[k];
                if (term.Id < 0) term.Id = next++;
                i[k] = term.Id;
            }
            Array.Sort(i, c);
            ids[r] = i;
            counts[r] = c;
        }
        return (ids, counts, next);
    }

    /// <summary>For each id, the incidents that have it, in chronological order.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static int[][] Postings(int[][] idsOf, int idCount)
    {
        var df = new int[idCount];
        foreach (var ids in idsOf)
            foreach (var id in ids) df[id]++;
        var postings = new int[idCount][];
        for (var id = 0; id < idCount; id++) postings[id] = new int[df[id]];
        Array.Clear(df);
        for (var r = 0; r < idsOf.Length; r++)
            foreach (var id in idsOf[r]) postings[id][df[id]++] = r;
        return postings;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static Entry[] FacetVector(int[] facets, int[][] postings, double[] raw, out double norm)
    {
        var kept = 0;
        foreach (var f in facets) if (postings[f].Length > 1) kept++;
        var entries = new Entry[kept];
        var k = 0;
        var sum = 0.0;
        foreach (var f in facets)
        {
            if (postings[f].Length <= 1) continue;
            entries[k++] = new Entry(f, raw[f]);
            sum += raw[f] * raw[f];
        }
        norm = Math.Sqrt(sum);
        for (var e = 0; e < entries.Length; e++) entries[e] = new Entry(entries[e].Id, entries[e].Weight / norm);
        return entries;
    }

    /// <summary>The <see cref="TextTerms"/> heaviest shared terms, (1 + ln tf)·idf, normalised, sorted by id.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static Entry[] TextVector(int[] ids, int[] counts, int[][] postings, double[] idf, out double norm)
    {
        var weights = new double[ids.Length];
        var order = new int[ids.Length];
        var kept = 0;
        for (var k = 0; k < ids.Length; k++)
        {
            if (postings[ids[k]].Length <= 1) continue;
            weights[kept] = -(1 + Math.Log(counts[k])) * idf[ids[k]];   // negated: sorts heaviest first
            order[kept++] = ids[k];
        }
        // Heaviest first (a primitive-key sort: deterministic for the same input, which ids in ascending order are).
        var take = Math.Min(kept, TextTerms);
        if (kept > TextTerms) Array.Sort(weights, order, 0, kept);
        var entries = new Entry[take];
        var sum = 0.0;
        for (var k = 0; k < take; k++)
        {
            entries[k] = new Entry(order[k], -weights[k]);
            sum += weights[k] * weights[k];
        }
        norm = Math.Sqrt(sum);
        for (var k = 0; k < take; k++) entries[k] = new Entry(entries[k].Id, entries[k].Weight / norm);
        Array.Sort(entries, static (a, b) => a.Id.CompareTo(b.Id));
        return entries;
    }

    private sealed record Index(Entry[][] FacetVec, Entry[][] TextVec, Entry[][] TopTerms, int[][] FacetPost, int[][] TextPost,
        double[] FacetRaw, double[] TextIdf, double[] FacetScale, double[] TextScale);

    /// <summary>
    /// Scores the candidates of incident <paramref name="r"/>: the partial overlap from the inverted index picks a
    /// shortlist (a bounded min-heap), exact cosines decide. Leaves the matches at or above <paramref name="minScore"/>
    /// in <c>scratch.Exact</c>, best first, and returns how many there are. Optimised from the first call: a build
    /// runs it once per incident, too few times for tiered compilation to catch up.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static int Rank(Index x, int r, Scratch scratch, double minScore)
    {
        var score = scratch.Score;
        var touched = scratch.Touched;
        foreach (var e in x.FacetVec[r]) Propose(x.FacetPost[e.Id], FacetWeight * e.Weight * x.FacetRaw[e.Id], x.FacetScale, r, score, touched);
        // A partner's text weight is taken as if the term occurred once: close enough to rank candidates.
        foreach (var e in x.TopTerms[r]) Propose(x.TextPost[e.Id], TextWeight * e.Weight * x.TextIdf[e.Id], x.TextScale, r, score, touched);

        var heap = scratch.Heap;
        var size = 0;
        scratch.Candidates += touched.Count;
        foreach (var j in touched)
        {
            var s = score[j];
            score[j] = 0;
            var candidate = (s, j);
            if (size < heap.Length) { heap[size++] = candidate; SiftUp(heap, size - 1); }
            else if (Better(candidate, heap[0])) { heap[0] = candidate; SiftDown(heap, size); }
        }
        touched.Clear();

        // Exact cosines: this incident's vectors are spread into dense arrays once, each candidate's summed against them.
        var exact = scratch.Exact;
        var m = 0;
        foreach (var e in x.FacetVec[r]) scratch.FacetDense[e.Id] = e.Weight;
        foreach (var e in x.TextVec[r]) scratch.TextDense[e.Id] = e.Weight;
        scratch.Scored += size;
        for (var h = 0; h < size; h++)
        {
            var j = heap[h].Item2;
            var f = Dot(scratch.FacetDense, x.FacetVec[j]);
            var t = Dot(scratch.TextDense, x.TextVec[j]);
            var s = FacetWeight * f + TextWeight * t;
            if (s >= minScore) exact[m++] = (s, j, f, t);
        }
        foreach (var e in x.FacetVec[r]) scratch.FacetDense[e.Id] = 0;
        foreach (var e in x.TextVec[r]) scratch.TextDense[e.Id] = 0;
        Array.Sort(exact, 0, m, ExactOrder.Instance);
        return m;
    }

    private sealed class Scratch(int n, int facets, int terms)
    {
        public readonly double[] Score = new double[n];
        public readonly double[] FacetDense = new double[facets];
        public readonly double[] TextDense = new double[terms];
        public readonly List<int> Touched = new(1024);
        public readonly (double, int)[] Heap = new (double, int)[Shortlist];
        public readonly (double S, int J, double F, double T)[] Exact = new (double, int, double, double)[Shortlist];
        public long Candidates, Scored;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void Propose(int[] posting, double weight, double[] partnerScale, int self, double[] score, List<int> touched)
    {
        var from = 0;
        var to = posting.Length;
        if (posting.Length > PostingCap)
        {
            var at = Array.BinarySearch(posting, self);
            if (at < 0) at = ~at;
            from = Math.Clamp(at - PostingCap / 2, 0, posting.Length - PostingCap);
            to = from + PostingCap;
        }
        for (var k = from; k < to; k++)
        {
            var j = posting[k];
            if (j == self) continue;
            if (score[j] == 0) touched.Add(j);
            score[j] += weight * partnerScale[j];
        }
    }

    /// <summary>Higher score first; on a tie the later incident (higher chronological rank).</summary>
    private static bool Better((double S, int J) a, (double S, int J) b) => a.S > b.S || (a.S == b.S && a.J > b.J);

    private static void SiftUp((double, int)[] heap, int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Better(heap[parent], heap[i])) break;
            (heap[parent], heap[i]) = (heap[i], heap[parent]);
            i = parent;
        }
    }

    private static void SiftDown((double, int)[] heap, int size)
    {
        var i = 0;
        while (true)
        {
            var (l, r, worst) = (2 * i + 1, 2 * i + 2, i);
            if (l < size && Better(heap[worst], heap[l])) worst = l;
            if (r < size && Better(heap[worst], heap[r])) worst = r;
            if (worst == i) return;
            (heap[worst], heap[i]) = (heap[i], heap[worst]);
            i = worst;
        }
    }

    private sealed class ExactOrder : IComparer<(double S, int J, double F, double T)>
    {
        public static readonly ExactOrder Instance = new();

        public int Compare((double S, int J, double F, double T) a, (double S, int J, double F, double T) b) =>
            a.S != b.S ? b.S.CompareTo(a.S) : b.J.CompareTo(a.J);
    }

    /// <summary>The <paramref name="count"/> heaviest entries (ties: lower id).</summary>
    private static Entry[] Heaviest(Entry[] entries, int count)
    {
        if (entries.Length <= count) return entries;
        var top = new List<Entry>(count + 1);
        foreach (var e in entries)
        {
            if (top.Count == count && e.Weight <= top[^1].Weight) continue;
            var at = top.Count;
            while (at > 0 && top[at - 1].Weight < e.Weight) at--;
            top.Insert(at, e);
            if (top.Count > count) top.RemoveAt(count);
        }
        return top.ToArray();
    }

    /// <summary>Dot product of a dense vector and a sparse one (summed in the sparse vector's id order).</summary>
    private static double Dot(double[] dense, Entry[] sparse)
    {
        double sum = 0;
        foreach (var e in sparse) sum += dense[e.Id] * e.Weight;
        return sum;
    }

    /// <summary>The values of <paramref name="mine"/> (in its order) that <paramref name="theirs"/> has too; both are short.</summary>
    private static string[] Shared(string[] mine, string[] theirs)
    {
        var count = 0;
        foreach (var m in mine) if (Array.IndexOf(theirs, m) >= 0) count++;
        if (count == 0) return [];
        var shared = new string[count];
        var k = 0;
        foreach (var m in mine) if (Array.IndexOf(theirs, m) >= 0) shared[k++] = m;
        return shared;
    }

    private static SimilarIncident Describe(RenderedIncident self, RenderedIncident other, double score, double facet, double text, DateOnly asOf,
        string[] sharedServices, string[] sharedTags)
    {
        var actions = other.Incident.Actions;
        var open = actions.Count(a => a.Status is ActionStatus.Open or ActionStatus.InProgress);
        var overdue = actions.Count(a => a.IsOverdue(asOf));
        var repeat = open > 0 && Metrics.Recurrence.IsEarlier(other, self);
        return new SimilarIncident(other, Math.Round(score, 6), Math.Round(facet, 6), Math.Round(text, 6),
            sharedServices,
            sharedTags,
            self.Incident.CauseCategories.Distinct(StringComparer.Ordinal).Where(other.Incident.CauseCategories.Contains).ToList(),
            repeat, open, overdue);
    }
}
