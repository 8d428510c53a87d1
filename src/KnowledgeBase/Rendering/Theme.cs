using System.Reflection;

namespace KnowledgeBase.Rendering;

/// <summary>
/// The theme's files (templates/, assets/, i18n/), looked up file by file: override folders first (in the order
/// given), then the default theme embedded in the tool, so a site can replace one template and keep the rest.
/// </summary>
public sealed class Theme
{
    private const string ResourcePrefix = "theme/";
    private static readonly Assembly Assembly = typeof(Theme).Assembly;
    private readonly IReadOnlyList<string> _overrideDirs;
    private readonly HashSet<string> _embedded;

    public Theme(IEnumerable<string> overrideDirs)
    {
        _overrideDirs = overrideDirs.Where(Directory.Exists).Select(Path.GetFullPath).ToList();
        _embedded = Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..])
            .ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<string> OverrideDirs => _overrideDirs;

    /// <summary>Opens a theme file by its path inside the theme (e.g. <c>templates/layout.liquid</c>), or null.</summary>
    public Stream? Open(string path)
    {
        foreach (var dir in _overrideDirs)
        {
            var candidate = Path.Combine(dir, path);
            if (File.Exists(candidate)) return File.OpenRead(candidate);
        }
        return _embedded.Contains(path) ? Assembly.GetManifestResourceStream(ResourcePrefix + path) : null;
    }

    /// <summary>
    /// Every layer's copy of a file, lowest priority first (embedded, then overrides from last to first), for
    /// files merged key by key rather than replaced whole.
    /// </summary>
    public IEnumerable<string> ReadAllLayers(string path)
    {
        if (_embedded.Contains(path))
        {
            using var stream = Assembly.GetManifestResourceStream(ResourcePrefix + path)!;
            using var reader = new StreamReader(stream);
            yield return reader.ReadToEnd();
        }
        foreach (var dir in _overrideDirs.Reverse())
        {
            var candidate = Path.Combine(dir, path);
            if (File.Exists(candidate)) yield return File.ReadAllText(candidate);
        }
    }

    public string? ReadText(string path)
    {
        using var stream = Open(path);
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Every file under a theme folder (e.g. <c>assets/</c>), overrides and embedded merged, sorted.</summary>
    public IReadOnlyList<string> List(string folder)
    {
        var prefix = folder.TrimEnd('/') + "/";
        var files = new SortedSet<string>(_embedded.Where(p => p.StartsWith(prefix, StringComparison.Ordinal)), StringComparer.Ordinal);
        foreach (var dir in _overrideDirs)
        {
            var root = Path.Combine(dir, folder);
            if (!Directory.Exists(root)) continue;
            foreach (var f in Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Hidden }))
                files.Add(Path.GetRelativePath(dir, f).Replace('\\', '/'));
        }
        return files.ToList();
    }
}
