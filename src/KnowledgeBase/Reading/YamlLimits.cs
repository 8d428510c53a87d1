using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KnowledgeBase.Reading;

/// <summary>A reason to refuse a YAML text before building its node tree, at a 1-based line and column of the text.</summary>
public sealed record YamlLimitProblem(int Line, int Column, string Field, string Message);

/// <summary>
/// Bounds what a YAML text may cost before <see cref="YamlDotNet.RepresentationModel.YamlStream"/> builds its tree:
/// the tree builder recurses once per nesting level (10,000 nested lists overflow the stack, which .NET cannot
/// catch), and anchors/aliases let a few lines stand for billions of values ("billion laughs") that equality and
/// hashing of keys would walk. The scan reads the parser's events without recursion and stops at the first problem.
/// Duplicate keys are reported here too, with the line of both.
/// </summary>
public static class YamlLimits
{
    /// <summary>Longest front matter (or site.yml) accepted, in characters.</summary>
    public const int MaxChars = 256 * 1024;
    /// <summary>Deepest nesting of lists and maps; post-mortems need three or four levels.</summary>
    public const int MaxDepth = 32;
    /// <summary>Most values a text may stand for, counting what every alias repeats.</summary>
    public const int MaxNodes = 20_000;

    private sealed class Frame(bool isMapping, string? anchor, long nodesAtStart)
    {
        public bool IsMapping { get; } = isMapping;
        public string? Anchor { get; } = anchor;
        public long NodesAtStart { get; } = nodesAtStart;
        public int Children { get; set; }
        public Dictionary<string, long>? Keys { get; set; }
    }

    /// <summary>Null when the text is within bounds. Syntax errors surface as the parser's <see cref="YamlException"/>.</summary>
    /// <param name="lineOffset">Added to line numbers quoted in messages, so they point into the whole file.</param>
    /// <param name="events">When given, receives every event read, so a text within bounds is parsed only once
    /// (<see cref="RecordedEvents"/> replays them to the tree builder).</param>
    public static YamlLimitProblem? Check(string yaml, int lineOffset = 0, List<ParsingEvent>? events = null)
    {
        if (yaml.Length > MaxChars)
            return new YamlLimitProblem(1, 0, "", string.Create(CultureInfo.InvariantCulture,
                $"the YAML block is {yaml.Length / 1024} KiB; the limit is {MaxChars / 1024} KiB (long texts belong in the Markdown body)"));

        var parser = new Parser(new StringReader(yaml));
        var open = new Stack<Frame>();
        var anchorSizes = new Dictionary<string, long>(StringComparer.Ordinal);
        long nodes = 0;
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            events?.Add(current);
            if (current is NodeEvent node && open.TryPeek(out var parent))
            {
                // In a map, even children are keys: report a repeated plain key where it repeats.
                if (parent.IsMapping && parent.Children % 2 == 0 && node is Scalar key)
                {
                    parent.Keys ??= new Dictionary<string, long>(StringComparer.Ordinal);
                    if (parent.Keys.TryGetValue(key.Value, out var firstLine))
                        return new YamlLimitProblem((int)key.Start.Line, (int)key.Start.Column, key.Value, string.Create(CultureInfo.InvariantCulture,
                            $"duplicate key '{key.Value}' (first given on line {firstLine + lineOffset}); keep one of them"));
                    parent.Keys[key.Value] = key.Start.Line;
                }
                parent.Children++;
            }

            switch (current)
            {
                case MappingStart or SequenceStart:
                    nodes++;
                    var collection = (NodeEvent)current;
                    open.Push(new Frame(current is MappingStart, collection.Anchor.IsEmpty ? null : collection.Anchor.Value, nodes));
                    if (open.Count > MaxDepth)
                        return new YamlLimitProblem((int)current.Start.Line, (int)current.Start.Column, "", string.Create(CultureInfo.InvariantCulture,
                            $"lists and maps are nested more than {MaxDepth} levels deep here; a post-mortem needs only a few levels"));
                    break;
                case MappingEnd or SequenceEnd:
                    var done = open.Pop();
                    if (done.Anchor is not null) anchorSizes[done.Anchor] = nodes - done.NodesAtStart + 1;
                    break;
                case Scalar scalar:
                    nodes++;
                    if (!scalar.Anchor.IsEmpty) anchorSizes[scalar.Anchor.Value] = 1;
                    break;
                case AnchorAlias alias:
                    nodes += anchorSizes.GetValueOrDefault(alias.Value.Value, 1);
                    break;
            }
            if (nodes > MaxNodes)
                return new YamlLimitProblem((int)current.Start.Line, (int)current.Start.Column, "", string.Create(CultureInfo.InvariantCulture,
                    $"the YAML stands for more than {MaxNodes:N0} values here (anchors and aliases repeat what they refer to); write the values out instead of nesting aliases"));
        }
        return null;
    }
}
