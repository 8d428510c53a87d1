using System.Globalization;
using System.Text;

namespace KnowledgeBase.Search;

/// <summary>
/// A very frequent term's postings, ordered by impact instead of by document: the documents sorted by the term's
/// total score in them (its field scores summed; field boosts are already in them), cut into blocks of growing
/// size (first block, then twice as many each time). Each block is a valid lunr 2.3.9 index holding the term with
/// only that block's documents (postings and vector entries, global term index), plus a <c>kb</c> object that
/// lunr ignores:
/// <list type="bullet">
/// <item><c>next</c>: the largest total score of any document in a later block (0 in the last block). It bounds what
/// the term can still add to a document not seen yet, which lets kb-search.js stop once no unseen document can
/// enter the top results (a max-score bound: the client proves the top-k, it does not guess it);</item>
/// <item><c>bits</c> (first block only): the set of every document with the term, a bitset over refs in base64, so
/// the client knows which documents still miss a contribution and counts every match exactly.</item>
/// </list>
/// A query over common words then reads the first block of each (a few KB) instead of every posting.
/// </summary>
internal static class ImpactBlocks
{
    public static List<string> Serialize(LunrIndexModel model, int termIndex, int firstBlockDocuments)
    {
        var postings = model.GetPostings();
        var fieldCount = model.Fields.Count;
        var t = termIndex;

        // (document, field, score) of every posting, grouped by document.
        var start = postings.Start[t * fieldCount];
        var count = postings.Start[(t + 1) * fieldCount] - start;
        var keys = new long[count];
        var scores = new double[count];
        var n = 0;
        for (var f = 0; f < fieldCount; f++)
        {
            for (var k = postings.Start[t * fieldCount + f]; k < postings.Start[t * fieldCount + f + 1]; k++)
            {
                keys[n] = ((long)postings.Docs[k] << 8) | (uint)f;
                scores[n] = postings.Scores[k];
                n++;
            }
        }

        Array.Sort(keys, scores);
        var docs = new List<(int Doc, int From, int To, double Total)>();
        for (var i = 0; i < count;)
        {
            var doc = (int)(keys[i] >> 8);
            var j = i;
            double total = 0;
            while (j < count && (int)(keys[j] >> 8) == doc) total += scores[j++];
            docs.Add((doc, i, j, total));
            i = j;
        }

        // Highest impact first; ties by document so the output is deterministic.
        docs.Sort((a, b) => a.Total != b.Total ? b.Total.CompareTo(a.Total) : a.Doc.CompareTo(b.Doc));

        var bounds = new List<(int From, int To)>();
        for (int from = 0, size = Math.Max(1, firstBlockDocuments); from < docs.Count; from += size, size *= 2)
            bounds.Add((from, Math.Min(docs.Count, from + size)));

        var files = new List<string>(bounds.Count);
        for (var b = 0; b < bounds.Count; b++)
        {
            var block = docs.GetRange(bounds[b].From, bounds[b].To - bounds[b].From);
            block.Sort((x, y) => x.Doc.CompareTo(y.Doc));
            var next = b + 1 < bounds.Count ? docs[bounds[b + 1].From].Total : 0;
            files.Add(Block(model, t, block, keys, scores, b, bounds.Count, docs.Count, next, b == 0 ? Bits(model, docs) : null));
        }

        return files;
    }

    private static string Block(LunrIndexModel model, int t, List<(int Doc, int From, int To, double Total)> block,
        long[] keys, double[] scores, int number, int blocks, int documents, double next, string? bits)
    {
        var fieldCount = model.Fields.Count;
        var sb = new StringBuilder(block.Count * 64 + 512);
        LunrJson.WriteHeader(sb, model);
        sb.Append("\"fieldVectors\":[");
        var first = true;
        foreach (var (doc, from, to, _) in block)
        {
            for (var i = from; i < to; i++)
            {
                if (!first) sb.Append(',');
                first = false;
                sb.Append('[');
                LunrJson.WriteString(sb, model.Fields[(int)(keys[i] & 0xFF)].Name + "/" + model.Refs[doc]);
                sb.Append(",[").Append(t.ToString(CultureInfo.InvariantCulture)).Append(',');
                LunrJson.WriteNumber(sb, scores[i]);
                sb.Append("]]");
            }
        }

        sb.Append("],\"invertedIndex\":[[");
        LunrJson.WriteString(sb, model.Terms[t]);
        sb.Append(",{\"_index\":").Append(t.ToString(CultureInfo.InvariantCulture));
        for (var f = 0; f < fieldCount; f++)
        {
            sb.Append(',');
            LunrJson.WriteString(sb, model.Fields[f].Name);
            sb.Append(":{");
            var firstDoc = true;
            foreach (var (doc, from, to, _) in block)
            {
                for (var i = from; i < to; i++)
                {
                    if ((int)(keys[i] & 0xFF) != f) continue;
                    if (!firstDoc) sb.Append(',');
                    firstDoc = false;
                    LunrJson.WriteString(sb, model.Refs[doc]);
                    sb.Append(":{}");
                }
            }

            sb.Append('}');
        }

        sb.Append("}]],");
        LunrJson.WritePipeline(sb, model);
        sb.Length--; // reopen the index object for kb's own (lunr ignores it)
        sb.Append(",\"kb\":{\"term\":");
        LunrJson.WriteString(sb, model.Terms[t]);
        sb.Append(",\"block\":").Append(number.ToString(CultureInfo.InvariantCulture))
            .Append(",\"blocks\":").Append(blocks.ToString(CultureInfo.InvariantCulture))
            .Append(",\"documents\":").Append(documents.ToString(CultureInfo.InvariantCulture))
            .Append(",\"next\":");
        LunrJson.WriteNumber(sb, next);
        if (bits is not null) sb.Append(",\"bits\":\"").Append(bits).Append('"');
        sb.Append("}}");
        return sb.ToString();
    }

    /// <summary>Bit r set (byte r / 8, bit r % 8) for every ref r with the term; refs are decimal positions.</summary>
    private static string Bits(LunrIndexModel model, List<(int Doc, int From, int To, double Total)> docs)
    {
        var max = 0;
        foreach (var d in docs) max = Math.Max(max, int.Parse(model.Refs[d.Doc], CultureInfo.InvariantCulture));
        var bytes = new byte[max / 8 + 1];
        foreach (var d in docs)
        {
            var r = int.Parse(model.Refs[d.Doc], CultureInfo.InvariantCulture);
            bytes[r >> 3] |= (byte)(1 << (r & 7));
        }

        return Convert.ToBase64String(bytes);
    }
}
