using System.Globalization;
using System.Text;

namespace KnowledgeBase.Search;

/// <summary>
/// A very frequent term's postings, ordered by impact instead of by document: the documents sorted by the term's
/// total score in them (its field scores summed; field boosts are already in them), cut into blocks of growing
/// size (first block, then <see cref="SearchIndexOptions.ImpactBlockGrowth"/> times as many each time). A block
/// holds only what ranking needs: the documents (refs as deltas), a field mask per document and the stored field
/// scores as integers (thousandths), about a third of the size of lunr's JSON for the same postings; kb-search.js
/// turns it back into the lunr postings and vector entries (global term index) it stands for, before
/// <c>lunr.Index.load</c>. Its <c>kb</c> object holds:
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
    public static List<string> Serialize(LunrIndexModel model, int termIndex, int firstBlockDocuments, double growth)
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
        double size = Math.Max(1, firstBlockDocuments);
        for (var from = 0; from < docs.Count; size *= growth)
        {
            var to = Math.Min(docs.Count, from + (int)size);
            bounds.Add((from, to));
            from = to;
        }

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

    // {"kb": {term, index, block, blocks, documents, next, bits?}, "refs": ascending refs as deltas, "fields": per
    // document a bitmask of the fields holding the term, "scores": per document and field (field order) the stored
    // score × 1000, an integer (lunr rounds scores to three decimals, so score = integer / 1000 exactly).
    private static string Block(LunrIndexModel model, int t, List<(int Doc, int From, int To, double Total)> block,
        long[] keys, double[] scores, int number, int blocks, int documents, double next, string? bits)
    {
        var sb = new StringBuilder(block.Count * 24 + 512);
        sb.Append("{\"kb\":{\"term\":");
        LunrJson.WriteString(sb, model.Terms[t]);
        sb.Append(",\"index\":").Append(t.ToString(CultureInfo.InvariantCulture))
            .Append(",\"block\":").Append(number.ToString(CultureInfo.InvariantCulture))
            .Append(",\"blocks\":").Append(blocks.ToString(CultureInfo.InvariantCulture))
            .Append(",\"documents\":").Append(documents.ToString(CultureInfo.InvariantCulture))
            .Append(",\"next\":");
        LunrJson.WriteNumber(sb, next);
        if (bits is not null) sb.Append(",\"bits\":\"").Append(bits).Append('"');
        sb.Append("},\"refs\":[");
        var previous = 0;
        for (var i = 0; i < block.Count; i++)
        {
            var r = int.Parse(model.Refs[block[i].Doc], CultureInfo.InvariantCulture);
            if (i > 0) sb.Append(',');
            sb.Append((r - previous).ToString(CultureInfo.InvariantCulture));
            previous = r;
        }

        sb.Append("],\"fields\":[");
        for (var i = 0; i < block.Count; i++)
        {
            var mask = 0;
            for (var k = block[i].From; k < block[i].To; k++) mask |= 1 << (int)(keys[k] & 0xFF);
            if (i > 0) sb.Append(',');
            sb.Append(mask.ToString(CultureInfo.InvariantCulture));
        }

        sb.Append("],\"scores\":[");
        var first = true;
        foreach (var (_, from, to, _) in block)
        {
            for (var k = from; k < to; k++)
            {
                if (!first) sb.Append(',');
                first = false;
                sb.Append(((long)Math.Round(scores[k] * 1000)).ToString(CultureInfo.InvariantCulture));
            }
        }

        sb.Append("]}");
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
