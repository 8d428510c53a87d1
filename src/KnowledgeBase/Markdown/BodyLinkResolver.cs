namespace KnowledgeBase.Markdown;

/// <summary>How a relative Markdown link to another post-mortem's file turned out.</summary>
public enum LinkTarget { NotAPostmortem, Included, Excluded, Missing }

/// <summary>
/// Maps links between post-mortem files (<c>../2024/db-disk-full.md</c>) to the incident pages they become,
/// so authors can link files that also work on GitHub.
/// </summary>
public sealed class BodyLinkResolver(IReadOnlyDictionary<string, string> idBySourcePath, ISet<string> includedIds, string basePath)
{
    public LinkTarget Resolve(string fromSourcePath, string url, out string? resolvedUrl)
    {
        resolvedUrl = null;
        var hashAt = url.IndexOf('#');
        var path = hashAt >= 0 ? url[..hashAt] : url;
        var fragment = hashAt >= 0 ? url[hashAt..] : "";
        if (!path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || path.Contains(':') || path.StartsWith('/'))
            return LinkTarget.NotAPostmortem;

        var fromDir = Path.GetDirectoryName(fromSourcePath.Replace('/', Path.DirectorySeparatorChar)) ?? "";
        var combined = Path.GetFullPath(Path.Combine("/", fromDir, Uri.UnescapeDataString(path)));
        var target = combined.TrimStart('/').Replace('\\', '/');
        if (!idBySourcePath.TryGetValue(target, out var id)) return LinkTarget.Missing;
        if (!includedIds.Contains(id)) return LinkTarget.Excluded;
        resolvedUrl = $"{basePath}incidents/{id}/{fragment}";
        return LinkTarget.Included;
    }
}
