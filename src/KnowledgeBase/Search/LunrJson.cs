namespace KnowledgeBase.Search;

/// <summary>
/// Serializes a <see cref="LunrIndexModel"/> in lunr 2.3.9's <c>Index.toJSON</c> format, byte for byte as
/// <c>JSON.stringify(index)</c> would print it (key order, number formatting, string escaping), either the
/// whole index or a term-range shard: a valid index holding a contiguous run of the sorted terms, with every
/// field vector restricted to those terms and empty vectors left out. Term indexes stay global, so a shard
/// scores its terms exactly as the whole index does (lunr divides only by the query vector's magnitude).
/// </summary>
public static class LunrJson
{
    public const string LunrVersion = "2.3.9";

    /// <summary>The whole index, UTF-8.</summary>
    public static byte[] Serialize(LunrIndexModel model)
    {
        using var sb = new JsonBytes(1 << 16);
        WriteHeader(sb, model);
        sb.Raw("\"fieldVectors\":["u8);
        var fieldCount = model.Fields.Count;
        for (var i = 0; i < model.Vectors.Count; i++)
        {
            if (i > 0) sb.Raw((byte)',');
            var v = model.Vectors[i];
            WriteVector(sb, model, i / fieldCount, i % fieldCount, v.TermIndexes, v.Scores, 0, v.TermIndexes.Length);
        }

        sb.Raw("],\"invertedIndex\":["u8);
        var sorted = model.SortedTermIndexes;
        WritePostings(sb, model, sorted, 0, sorted.Length);
        sb.Raw("],"u8);
        WritePipeline(sb, model);
        return sb.ToArray();
    }

    /// <summary>
    /// A shard holding the terms at positions <paramref name="from"/> (inclusive) to <paramref name="to"/>
    /// (exclusive) of <see cref="LunrIndexModel.SortedTermIndexes"/>, UTF-8.
    /// </summary>
    public static byte[] SerializeShard(LunrIndexModel model, int from, int to)
    {
        var sorted = model.SortedTermIndexes;
        var postings = model.GetPostings();
        var fieldCount = model.Fields.Count;

        // Gather (vector slot, term index, score) for every posting of the shard's terms.
        var count = 0;
        for (var p = from; p < to; p++)
        {
            var t = sorted[p];
            count += postings.Start[(t + 1) * fieldCount] - postings.Start[t * fieldCount];
        }

        var slots = new long[count];
        var scores = new double[count];
        var n = 0;
        for (var p = from; p < to; p++)
        {
            var t = sorted[p];
            for (var f = 0; f < fieldCount; f++)
            {
                for (var k = postings.Start[t * fieldCount + f]; k < postings.Start[t * fieldCount + f + 1]; k++)
                {
                    // Sort key: vector slot (document order, then field order), then term index.
                    slots[n] = ((long)(postings.Docs[k] * fieldCount + f) << 32) | (uint)t;
                    scores[n] = postings.Scores[k];
                    n++;
                }
            }
        }

        Array.Sort(slots, scores);

        using var sb = new JsonBytes(count * 40 + 256);
        WriteHeader(sb, model);
        sb.Raw("\"fieldVectors\":["u8);
        var termIdx = new int[count];
        for (var i = 0; i < count; i++) termIdx[i] = (int)(slots[i] & 0xFFFFFFFF);
        var first = true;
        for (var i = 0; i < count;)
        {
            var slot = (int)(slots[i] >> 32);
            var j = i;
            while (j < count && (int)(slots[j] >> 32) == slot) j++;
            if (!first) sb.Raw((byte)',');
            first = false;
            WriteVector(sb, model, slot / fieldCount, slot % fieldCount, termIdx, scores, i, j);
            i = j;
        }

        sb.Raw("],\"invertedIndex\":["u8);
        WritePostings(sb, model, sorted, from, to);
        sb.Raw("],"u8);
        WritePipeline(sb, model);
        return sb.ToArray();
    }

    private static void WriteHeader(JsonBytes sb, LunrIndexModel model)
    {
        sb.Raw("{\"version\":"u8).String(LunrVersion).Raw(",\"fields\":["u8);
        for (var f = 0; f < model.Fields.Count; f++)
        {
            if (f > 0) sb.Raw((byte)',');
            sb.String(model.Fields[f].Name);
        }

        sb.Raw("],"u8);
    }

    private static void WritePipeline(JsonBytes sb, LunrIndexModel model)
    {
        sb.Raw("\"pipeline\":["u8);
        for (var i = 0; i < model.Pipeline.Count; i++)
        {
            if (i > 0) sb.Raw((byte)',');
            sb.String(model.Pipeline[i]);
        }

        sb.Raw("]}"u8);
    }

    private static void WriteVector(JsonBytes sb, LunrIndexModel model, int doc, int field,
        int[] termIndexes, double[] scores, int start, int end)
    {
        sb.Raw((byte)'[');
        sb.String(model.Fields[field].Name, '/', model.Refs[doc]);
        sb.Raw(",["u8);
        for (var k = start; k < end; k++)
        {
            if (k > start) sb.Raw((byte)',');
            sb.Int(termIndexes[k]).Raw((byte)',').Number(scores[k]);
        }

        sb.Raw("]]"u8);
    }

    private static void WritePostings(JsonBytes sb, LunrIndexModel model, int[] sorted, int from, int to)
    {
        var postings = model.GetPostings();
        var fieldCount = model.Fields.Count;
        var refOrder = model.RefKeyOrder;
        var buffer = new List<int>();
        for (var p = from; p < to; p++)
        {
            var t = sorted[p];
            if (p > from) sb.Raw((byte)',');
            sb.Raw((byte)'[');
            sb.String(model.Terms[t]);
            sb.Raw(",{\"_index\":"u8).Int(t);
            for (var f = 0; f < fieldCount; f++)
            {
                sb.Raw((byte)',');
                sb.String(model.Fields[f].Name);
                sb.Raw(":{"u8);
                var s = postings.Start[t * fieldCount + f];
                var e = postings.Start[t * fieldCount + f + 1];
                var firstDoc = true;
                if (refOrder is null)
                {
                    for (var k = s; k < e; k++) Ref(postings.Docs[k]);
                }
                else
                {
                    buffer.Clear();
                    for (var k = s; k < e; k++) buffer.Add(postings.Docs[k]);
                    buffer.Sort((a, b) => refOrder[a].CompareTo(refOrder[b]));
                    foreach (var d in buffer) Ref(d);
                }

                sb.Raw((byte)'}');

                void Ref(int d)
                {
                    if (!firstDoc) sb.Raw((byte)',');
                    firstDoc = false;
                    sb.String(model.Refs[d]);
                    sb.Raw(":{}"u8);
                }
            }

            sb.Raw("}]"u8);
        }
    }

    /// <summary>
    /// JavaScript objects list integer-like keys first (ascending), then the others in insertion order.
    /// Returns null when document order already is that order (the usual case), else a rank per document.
    /// </summary>
    internal static long[]? RefKeyOrder(LunrIndexModel model)
    {
        var rank = new long[model.Refs.Count];
        var inOrder = true;
        long previous = long.MinValue;
        for (var d = 0; d < rank.Length; d++)
        {
            rank[d] = IsArrayIndex(model.Refs[d], out var value) ? value : (1L << 33) + d;
            if (rank[d] < previous) inOrder = false;
            previous = rank[d];
        }

        return inOrder ? null : rank;
    }

    /// <summary>A canonical array index: "0" or no leading zero, value below 2^32 − 1.</summary>
    internal static bool IsArrayIndex(string s, out long value)
    {
        value = 0;
        if (s.Length == 0 || s.Length > 10 || (s.Length > 1 && s[0] == '0')) return false;
        foreach (var c in s)
        {
            if (c is < '0' or > '9') return false;
            value = value * 10 + (c - '0');
        }

        return value < uint.MaxValue;
    }
}
