using System.Text.Json;

namespace KnowledgeBase.Search;

/// <summary>
/// What manifest.json says about one language's index: only figures and file names, so the language's index model
/// can be dropped as soon as its files are written.
/// </summary>
internal sealed record LanguageManifest(
    string Lang, int Documents, int Terms, long Postings, IReadOnlyList<string> Pipeline, bool Sharded, int ShardCount,
    IReadOnlyList<int> ImpactShards, IReadOnlyList<(string Kind, List<string> FirstKeys)> Dictionaries)
{
    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("lang", Lang);
        w.WriteNumber("documents", Documents);
        w.WriteNumber("terms", Terms);
        w.WriteNumber("postings", Postings);
        w.WriteStartArray("pipeline");
        foreach (var p in Pipeline) w.WriteStringValue(p);
        w.WriteEndArray();
        w.WriteStartArray("scripts");
        foreach (var s in SearchIndexWriter.ScriptsFor(Lang)) w.WriteStringValue(s);
        w.WriteEndArray();
        if (!Sharded)
        {
            w.WriteString("index", $"{Lang}/index.json");
        }
        else
        {
            w.WriteStartObject("shards");
            w.WriteString("file", $"{Lang}/shard-{{n}}.json");
            w.WriteNumber("count", ShardCount);
            w.WriteString("impactFile", $"{Lang}/top-{{n}}-{{b}}.json");
            w.WriteStartArray("impact");
            foreach (var i in ImpactShards) w.WriteNumberValue(i);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("dictionary");
            foreach (var (kind, firstKeys) in Dictionaries)
            {
                w.WriteStartObject(kind);
                w.WriteString("file", $"{Lang}/dict-{kind}-{{n}}.json");
                w.WriteStartArray("first");
                foreach (var k in firstKeys) w.WriteStringValue(k);
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
