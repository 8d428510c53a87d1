namespace KnowledgeBase.Search;

/// <summary>
/// A very frequent term's postings, ordered by impact instead of by document: the documents sorted by the term's
/// total score in them (its field scores summed; field boosts are already in them), cut into blocks of growing
/// size (first block, then <see cref="SearchIndexOptions.ImpactBlockGrowth"/> times as many each time, the last of
/// at most <see cref="SearchIndexOptions.ImpactMaxBlocks"/> taking all the rest). A block
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
    /// <summary>The blocks of term <paramref name="termIndex"/>, block 0 first, as UTF-8 JSON.</summary>
    public static List<byte[]> Serialize(LunrIndexModel model, int termIndex, int firstBlockDocuments, double growth, int maxBlocks)
    {
        var postings = model.GetPostings();
        var fieldCount = model.Fields.Count;
        var t = termIndex;

        // (document, field, score) of every posting, grouped by document, fields in order within a document.
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

        // One entry per document, in document order: its postings keys[From[e]..From[e + 1]] and their total score.
        var docs = new Entries(count);
        for (var i = 0; i < count;)
        {
            var doc = (int)(keys[i] >> 8);
            var j = i;
            double total = 0;
            while (j < count && (int)(keys[j] >> 8) == doc) total += scores[j++];
            docs.Add(doc, i, total);
            i = j;
        }

        docs.From[docs.Count] = count;
        var order = docs.ImpactOrder();

        var bounds = new List<(int From, int To)>();
        double size = Math.Max(1, firstBlockDocuments);
        for (var from = 0; from < docs.Count; size *= growth)
        {
            var to = bounds.Count + 1 >= Math.Max(1, maxBlocks) ? docs.Count : Math.Min(docs.Count, from + (int)size);
            bounds.Add((from, to));
            from = to;
        }

        var refs = model.RefNumbers;
        var files = new List<byte[]>(bounds.Count);
        for (var b = 0; b < bounds.Count; b++)
        {
            // A block lists its documents in document order (refs as deltas).
            var block = order[bounds[b].From..bounds[b].To];
            Array.Sort(block);
            var next = b + 1 < bounds.Count ? docs.Total[order[bounds[b + 1].From]] : 0;
            files.Add(Block(model, t, docs, block, keys, scores, b, bounds.Count, next, b == 0 ? Bits(refs, docs) : null));
        }

        return files;
    }

    // {"kb": {term, index, block, blocks, documents, next, bits?}, "refs": ascending refs as deltas, "fields": per
    // document a bitmask of the fields holding the term, "scores": per document and field (field order) the stored
    // score × 1000, an integer (lunr rounds scores to three decimals, so score = integer / 1000 exactly).
    private static byte[] Block(LunrIndexModel model, int t, Entries docs, int[] block,
        long[] keys, double[] scores, int number, int blocks, double next, string? bits)
    {
        using var json = new JsonBytes(block.Length * 24 + 512 + (bits?.Length ?? 0));
        json.Raw("{\"kb\":{\"term\":"u8).String(model.Terms[t])
            .Raw(",\"index\":"u8).Int(t)
            .Raw(",\"block\":"u8).Int(number)
            .Raw(",\"blocks\":"u8).Int(blocks)
            .Raw(",\"documents\":"u8).Int(docs.Count)
            .Raw(",\"next\":"u8).Number(next);
        if (bits is not null) json.Raw(",\"bits\":"u8).String(bits);
        json.Raw("},\"refs\":["u8);
        var refs = model.RefNumbers;
        var previous = 0;
        for (var i = 0; i < block.Length; i++)
        {
            var r = refs[docs.Doc[block[i]]];
            if (i > 0) json.Raw((byte)',');
            json.Int(r - previous);
            previous = r;
        }

        json.Raw("],\"fields\":["u8);
        for (var i = 0; i < block.Length; i++)
        {
            var mask = 0;
            for (var k = docs.From[block[i]]; k < docs.From[block[i] + 1]; k++) mask |= 1 << (int)(keys[k] & 0xFF);
            if (i > 0) json.Raw((byte)',');
            json.Int(mask);
        }

        json.Raw("],\"scores\":["u8);
        var first = true;
        foreach (var e in block)
        {
            for (var k = docs.From[e]; k < docs.From[e + 1]; k++)
            {
                if (!first) json.Raw((byte)',');
                first = false;
                json.Int((long)Math.Round(scores[k] * 1000));
            }
        }

        json.Raw("]}"u8);
        return json.ToArray();
    }

    /// <summary>Bit r set (byte r / 8, bit r % 8) for every ref r with the term; refs are decimal positions.</summary>
    private static string Bits(int[] refs, Entries docs)
    {
        var max = 0;
        for (var e = 0; e < docs.Count; e++) max = Math.Max(max, refs[docs.Doc[e]]);
        var bytes = new byte[max / 8 + 1];
        for (var e = 0; e < docs.Count; e++)
        {
            var r = refs[docs.Doc[e]];
            bytes[r >> 3] |= (byte)(1 << (r & 7));
        }

        return Convert.ToBase64String(bytes);
    }

    /// <summary>The documents holding the term, in document order, as parallel arrays (entry e = the e-th document).</summary>
    private sealed class Entries(int capacity)
    {
        public readonly int[] Doc = new int[capacity];
        public readonly int[] From = new int[capacity + 1];
        public readonly double[] Total = new double[capacity];

        public int Count { get; private set; }

        public void Add(int doc, int from, double total)
        {
            Doc[Count] = doc;
            From[Count] = from;
            Total[Count] = total;
            Count++;
        }

        /// <summary>Entries by descending total score; equal totals in document order, so the output is deterministic.</summary>
        public int[] ImpactOrder()
        {
            var order = new int[Count];
            var key = new double[Count];
            for (var e = 0; e < Count; e++)
            {
                order[e] = e;
                key[e] = -Total[e];
            }

            Array.Sort(key, order);
            for (var i = 0; i < Count;)
            {
                var j = i + 1;
                while (j < Count && key[j] == key[i]) j++;
                if (j - i > 1) Array.Sort(order, i, j - i);
                i = j;
            }

            return order;
        }
    }
}
