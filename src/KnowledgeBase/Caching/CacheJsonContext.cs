using System.Text.Json.Serialization;
using KnowledgeBase.Model;

namespace KnowledgeBase.Caching;

/// <summary>Source-generated (de)serialisation of the build cache: no reflection at start-up, and any field added to
/// the model records is carried along without touching the cache code.</summary>
[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SiteRecord))]
[JsonSerializable(typeof(SourceCacheData))]
[JsonSerializable(typeof(SiteSettings))]
internal sealed partial class CacheJsonContext : JsonSerializerContext
{
    /// <summary>UTF-8 as is: the default encoder writes every non-ASCII letter and every &lt; &gt; of the cached HTML as a
    /// six-byte escape, which made the cache three times larger and slower to read.</summary>
    public static CacheJsonContext Compact { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
