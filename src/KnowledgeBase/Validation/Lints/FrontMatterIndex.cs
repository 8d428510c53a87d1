using KnowledgeBase.Model;
using KnowledgeBase.Reading;
using YamlDotNet.RepresentationModel;

namespace KnowledgeBase.Validation.Lints;

/// <summary>
/// The front matter's YAML nodes by field path (<c>summary</c>, <c>lessons[1]</c>, <c>actions[0].due</c>,
/// <c>impact.users_affected</c>), so lints can point at the exact line and column of a value and read its raw text.
/// </summary>
public sealed class FrontMatterIndex
{
    private readonly Dictionary<string, YamlNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, YamlNode> _keys = new(StringComparer.Ordinal);
    private readonly SortedDictionary<int, string> _fieldByLine = new();
    private readonly int _yamlOffset;
    private readonly int _yamlLine;

    /// <param name="yaml">The front matter's text.</param>
    /// <param name="yamlOffset">Offset of the YAML text in the file.</param>
    /// <param name="yamlLine">1-based file line of the YAML text's first line.</param>
    /// <param name="root">The YAML tree of <paramref name="yaml"/>, as <see cref="IncidentReader"/> loaded it.</param>
    public FrontMatterIndex(string yaml, int yamlOffset, int yamlLine, YamlMappingNode root)
    {
        Yaml = yaml;
        _yamlOffset = yamlOffset;
        _yamlLine = yamlLine;
        Add(root, "");
    }

    public string Yaml { get; }

    /// <summary>Offset of the YAML text in the file.</summary>
    public int Offset => _yamlOffset;

    public YamlNode? Node(string path) => _nodes.GetValueOrDefault(path);

    /// <summary>The file position of a field's value; for a missing field, of its closest present parent; else line 1.</summary>
    public SourcePosition PositionOf(string path)
    {
        var p = path;
        while (true)
        {
            // An empty value has no position of its own worth showing: point at its key.
            if (_nodes.TryGetValue(p, out var node))
                return PositionOf(IsEmpty(node) && _keys.TryGetValue(p, out var key) ? key : node);
            var cut = Math.Max(p.LastIndexOf('.'), p.LastIndexOf('['));
            if (cut <= 0) return new SourcePosition(1, 1);
            p = p[..cut];
        }
    }

    public SourcePosition PositionOf(YamlNode node) => new((int)node.Start.Line + _yamlLine - 1, (int)node.Start.Column);

    /// <summary>The field a front-matter line belongs to (the last field starting on it), or empty.</summary>
    public string FieldOnLine(int fileLine) => _fieldByLine.GetValueOrDefault(fileLine, "");

    /// <summary>The raw source of a scalar (quotes and line breaks included) and its offset in the file.</summary>
    public (string Text, int FileOffset) RawText(YamlNode node)
    {
        var start = (int)node.Start.Index;
        var end = Math.Clamp((int)node.End.Index, start, Yaml.Length);
        return (Yaml[start..end], _yamlOffset + start);
    }

    /// <summary>
    /// The prose of the front matter — what authors write as sentences and what readers see as text: title,
    /// summary, lessons, action titles and success criteria, impact values. Names, ids, dates and links are left out.
    /// </summary>
    public IEnumerable<(string Path, YamlScalarNode Node)> Prose()
    {
        foreach (var (path, node) in _nodes)
        {
            if (node is not YamlScalarNode scalar || scalar.Value is null) continue;
            if (path is "title" or "summary"
                || (path.StartsWith("lessons[", StringComparison.Ordinal) && !path.Contains('.'))
                || (path.StartsWith("actions[", StringComparison.Ordinal) && (path.EndsWith(".title", StringComparison.Ordinal) || path.EndsWith(".success", StringComparison.Ordinal)))
                || path.StartsWith("impact.", StringComparison.Ordinal))
                yield return (path, scalar);
        }
    }

    private static bool IsEmpty(YamlNode node) => node is YamlScalarNode s && FieldReader.IsNull(s);

    private void Add(YamlNode node, string path)
    {
        if (path.Length > 0)
        {
            _nodes[path] = node;
            if (!IsEmpty(node)) _fieldByLine[(int)node.Start.Line + _yamlLine - 1] = path;
        }
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name }) continue;
                    var child = path.Length == 0 ? name : $"{path}.{name}";
                    _keys[child] = key;
                    _fieldByLine.TryAdd((int)key.Start.Line + _yamlLine - 1, child);
                    Add(value, child);
                }
                break;
            case YamlSequenceNode seq:
                for (var i = 0; i < seq.Children.Count; i++) Add(seq.Children[i], $"{path}[{i}]");
                break;
        }
    }
}
