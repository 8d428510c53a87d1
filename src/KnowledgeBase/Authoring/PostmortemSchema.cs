namespace KnowledgeBase.Authoring;

/// <summary>
/// The JSON Schema of the front matter (<c>schema/postmortem.schema.json</c> in the repository), embedded in the
/// tool so every built site publishes it at <see cref="SitePath"/> for editors to fetch.
/// </summary>
public static class PostmortemSchema
{
    /// <summary>Where the schema is written in the built site, relative to its root.</summary>
    public const string SitePath = "schema/postmortem.schema.json";

    private static readonly Lazy<byte[]> Content = new(Load);

    public static ReadOnlySpan<byte> Bytes => Content.Value;

    private static byte[] Load()
    {
        using var stream = typeof(PostmortemSchema).Assembly.GetManifestResourceStream(SitePath)
            ?? throw new InvalidOperationException($"the embedded resource {SitePath} is missing from the build");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
