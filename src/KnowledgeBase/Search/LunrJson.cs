using System.Globalization;
using System.Text;

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

    /// <summary>The whole index.</summary>
    public static string Serialize(LunrIndexModel model)
    {
        var sb = new StringBuilder(1 << 16);
        WriteHeader(sb, model);
        sb.Append("\"fieldVectors\":[");
        var fieldCount = model.Fields.Count;
        for (var i = 0; i < model.Vectors.Count; i++)
        {
            if (i > 0) sb.Append(',');
            var v = model.Vectors[i];
            WriteVector(sb, model, i / fieldCount, i % fieldCount, v.TermIndexes, v.Scores, 0, v.TermIndexes.Length);
        }

        sb.Append("],\"invertedIndex\":[");
        var sorted = model.SortedTermIndexes;
        WritePostings(sb, model, sorted, 0, sorted.Length);
        sb.Append("],");
        WritePipeline(sb, model);
        return sb.ToString();
    }

    /// <summary>
    /// A shard holding the terms at positions <paramref name="from"/> (inclusive) to <paramref name="to"/>
    /// (exclusive) of <see cref="LunrIndexModel.SortedTermIndexes"/>.
    /// </summary>
    public static string SerializeShard(LunrIndexModel model, int from, int to)
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

        var sb = new StringBuilder(count * 40 + 256);
        WriteHeader(sb, model);
        sb.Append("\"fieldVectors\":[");
        var termIdx = new int[count];
        for (var i = 0; i < count; i++) termIdx[i] = (int)(slots[i] & 0xFFFFFFFF);
        var first = true;
        for (var i = 0; i < count;)
        {
            var slot = (int)(slots[i] >> 32);
            var j = i;
            while (j < count && (int)(slots[j] >> 32) == slot) j++;
            if (!first) sb.Append(',');
            first = false;
            WriteVector(sb, model, slot / fieldCount, slot % fieldCount, termIdx, scores, i, j);
            i = j;
        }

        sb.Append("],\"invertedIndex\":[");
        WritePostings(sb, model, sorted, from, to);
        sb.Append("],");
        WritePipeline(sb, model);
        return sb.ToString();
    }

    private static void WriteHeader(StringBuilder sb, LunrIndexModel model)
    {
        sb.Append("{\"version\":\"").Append(LunrVersion).Append("\",\"fields\":[");
        for (var f = 0; f < model.Fields.Count; f++)
        {
            if (f > 0) sb.Append(',');
            WriteString(sb, model.Fields[f].Name);
        }

        sb.Append("],");
    }

    private static void WritePipeline(StringBuilder sb, LunrIndexModel model)
    {
        sb.Append("\"pipeline\":[");
        for (var i = 0; i < model.Pipeline.Count; i++)
        {
            if (i > 0) sb.Append(',');
            WriteString(sb, model.Pipeline[i]);
        }

        sb.Append("]}");
    }

    private static void WriteVector(StringBuilder sb, LunrIndexModel model, int doc, int field,
        int[] termIndexes, double[] scores, int start, int end)
    {
        sb.Append('[');
        WriteString(sb, model.Fields[field].Name + "/" + model.Refs[doc]);
        sb.Append(",[");
        for (var k = start; k < end; k++)
        {
            if (k > start) sb.Append(',');
            sb.Append(termIndexes[k].ToString(CultureInfo.InvariantCulture)).Append(',');
            WriteNumber(sb, scores[k]);
        }

        sb.Append("]]");
    }

    private static void WritePostings(StringBuilder sb, LunrIndexModel model, int[] sorted, int from, int to)
    {
        var postings = model.GetPostings();
        var fieldCount = model.Fields.Count;
        var refOrder = RefKeyOrder(model);
        var buffer = new List<int>();
        for (var p = from; p < to; p++)
        {
            var t = sorted[p];
            if (p > from) sb.Append(',');
            sb.Append('[');
            WriteString(sb, model.Terms[t]);
            sb.Append(",{\"_index\":").Append(t.ToString(CultureInfo.InvariantCulture));
            for (var f = 0; f < fieldCount; f++)
            {
                sb.Append(',');
                WriteString(sb, model.Fields[f].Name);
                sb.Append(":{");
                var s = postings.Start[t * fieldCount + f];
                var e = postings.Start[t * fieldCount + f + 1];
                IEnumerable<int> docs;
                if (refOrder is null)
                {
                    docs = Enumerable.Range(s, e - s).Select(k => postings.Docs[k]);
                }
                else
                {
                    buffer.Clear();
                    for (var k = s; k < e; k++) buffer.Add(postings.Docs[k]);
                    buffer.Sort((a, b) => refOrder[a].CompareTo(refOrder[b]));
                    docs = buffer;
                }

                var firstDoc = true;
                foreach (var d in docs)
                {
                    if (!firstDoc) sb.Append(',');
                    firstDoc = false;
                    WriteString(sb, model.Refs[d]);
                    sb.Append(":{}");
                }

                sb.Append('}');
            }

            sb.Append("}]");
        }
    }

    /// <summary>
    /// JavaScript objects list integer-like keys first (ascending), then the others in insertion order.
    /// Returns null when document order already is that order (the usual case), else a rank per document.
    /// </summary>
    private static long[]? RefKeyOrder(LunrIndexModel model)
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

    /// <summary>A number as JavaScript prints it (shortest round-trip; scores never need an exponent).</summary>
    internal static void WriteNumber(StringBuilder sb, double value)
    {
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
        {
            sb.Append(((long)value).ToString(CultureInfo.InvariantCulture));
            return;
        }

        Span<char> buf = stackalloc char[32];
        value.TryFormat(buf, out var written, "R", CultureInfo.InvariantCulture);
        sb.Append(buf[..written]);
    }

    /// <summary>A string as <c>JSON.stringify</c> writes it.</summary>
    public static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            string? esc = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ when char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) => null,
                _ when char.IsSurrogate(c) && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(s[i - 1])) =>
                    "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => null,
            };
            if (esc is null) continue;
            sb.Append(s, start, i - start).Append(esc);
            start = i + 1;
        }

        sb.Append(s, start, s.Length - start).Append('"');
    }
}
