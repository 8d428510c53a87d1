using System.Text.Json.Serialization;
using KnowledgeBase.Model;

namespace KnowledgeBase.Caching;

/// <summary>Source-generated (de)serialisation of the site record and the settings it fingerprints: no reflection at start-up.</summary>
[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SiteRecord))]
[JsonSerializable(typeof(SiteSettings))]
internal sealed partial class CacheJsonContext : JsonSerializerContext
{
    /// <summary>UTF-8 as is: the default encoder writes every non-ASCII letter of the recorded messages as a six-byte escape.</summary>
    public static CacheJsonContext Compact { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
