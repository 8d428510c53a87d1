namespace KnowledgeBase.Search;

/// <summary>
/// The term dictionaries of a sharded language index, used for typo (edit distance 1) matching and
/// suggestions without downloading postings. Three sorted views of the same terms, each cut into chunks:
/// <list type="bullet">
/// <item><c>fwd</c>: key = the term (prefix scans and exact look-ups);</item>
/// <item><c>del0</c>: key = the term without its first character (finds substitutions/insertions at position 0);</item>
/// <item><c>del1</c>: key = the term without its second character (substitutions/insertions at position 1).</item>
/// </list>
/// A term w is within one edit (substitution, insertion, deletion, adjacent transposition) of a query term q
/// only if one of these holds: w starts with q[0..2] (edit at position ≥ 2); w is one of the exact strings
/// q[1..], q[1]q[0]q[2..], q[0]q[2..], q[0]q[2]q[1]q[3..] (fwd); del0(w) ∈ {q[1..], q} ; del1(w) ∈ {q[0]q[2..], q}.
/// So an edit-distance-1 look-up reads one prefix range and at most eight exact keys. Chunk files hold only the
/// terms (sorted by key); the runtime recomputes keys. Equal keys never straddle two chunks.
/// </summary>
public static class TermDictionary
{
    public static readonly IReadOnlyList<string> Kinds = ["fwd", "del0", "del1"];

    /// <summary>The key of <paramref name="term"/> in a dictionary, or null when the term is not listed there.</summary>
    public static string? Key(string kind, string term) => kind switch
    {
        "fwd" => term,
        "del0" => term.Length >= 1 ? term[1..] : null,
        "del1" => term.Length >= 2 ? term[0] + term[2..] : null,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public sealed record ChunkData(string FirstKey, List<string> Terms);

    public static List<ChunkData> Chunk(IReadOnlyList<string> sortedTerms, string kind, int chunkTerms)
    {
        var entries = new List<(string Key, string Term)>(sortedTerms.Count);
        foreach (var t in sortedTerms)
        {
            var k = Key(kind, t);
            if (k is not null) entries.Add((k, t));
        }

        if (kind != "fwd")
        {
            entries.Sort((a, b) =>
            {
                var c = string.CompareOrdinal(a.Key, b.Key);
                return c != 0 ? c : string.CompareOrdinal(a.Term, b.Term);
            });
        }

        var chunks = new List<ChunkData>();
        ChunkData? current = null;
        string? lastKey = null;
        foreach (var (key, term) in entries)
        {
            if (current is null || (current.Terms.Count >= chunkTerms && !string.Equals(key, lastKey, StringComparison.Ordinal)))
            {
                current = new ChunkData(key, []);
                chunks.Add(current);
            }

            current.Terms.Add(term);
            lastKey = key;
        }

        return chunks;
    }
}
