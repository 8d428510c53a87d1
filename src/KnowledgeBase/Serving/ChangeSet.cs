namespace KnowledgeBase.Serving;

/// <summary>
/// What changed since the last update, as the watcher saw it: post-mortem paths (created, changed, deleted or
/// renamed — the live site looks at the disk to tell which), site.yml, the theme, or "look at everything".
/// </summary>
public sealed class ChangeSet
{
    public HashSet<string> Paths { get; } = new(StringComparer.Ordinal);
    public bool Settings { get; set; }
    public bool Theme { get; set; }
    /// <summary>Re-list the postmortems folder (a folder was moved, the watcher overflowed, or first load).</summary>
    public bool Rescan { get; set; }

    public bool IsEmpty => Paths.Count == 0 && !Settings && !Theme && !Rescan;

    public static ChangeSet Everything() => new() { Settings = true, Theme = true, Rescan = true };

    public void MergeFrom(ChangeSet other)
    {
        Paths.UnionWith(other.Paths);
        Settings |= other.Settings;
        Theme |= other.Theme;
        Rescan |= other.Rescan;
    }

    public override string ToString()
    {
        var parts = new List<string>();
        // Editors' temporary files show up too; name only the post-mortems.
        var files = Paths.Where(p => p.EndsWith(".md", StringComparison.OrdinalIgnoreCase)).ToList();
        if (Rescan) parts.Add("all post-mortems");
        else if (files.Count == 1) parts.Add(System.IO.Path.GetFileName(files[0]));
        else if (files.Count > 1) parts.Add($"{files.Count} post-mortems");
        else if (Paths.Count > 0) parts.Add("postmortems/");
        if (Settings) parts.Add("site.yml");
        if (Theme) parts.Add("theme");
        return string.Join(", ", parts);
    }
}
