using KnowledgeBase.Reading;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace KnowledgeBase.Tests.Unit;

public class RecordedEventsTests
{
    private const string Yaml = """
        title: "Queue backlog: \"orders\""
        date: 2024-03-14
        tags: [queue, capacity]
        base: &b {owner: Ana, due: 2024-04-01}
        actions:
          - title: Alert on backlog age
            <<: *b
            status: open
          - {title: Runbook, owner: Sam, status: done}
        lessons: |
          Watch the age,
          not only the depth.
        """;

    [Fact]
    public void The_tree_built_from_the_checks_events_equals_a_fresh_parse_positions_included()
    {
        var events = new List<ParsingEvent>();
        Assert.Null(YamlLimits.Check(Yaml, 0, events));
        var replayed = new YamlStream();
        replayed.Load(new RecordedEvents(events));
        var parsed = new YamlStream();
        parsed.Load(new StringReader(Yaml));

        Assert.Equal(Describe(parsed.Documents[0].RootNode), Describe(replayed.Documents[0].RootNode));
        Assert.Contains("Watch the age", Describe(replayed.Documents[0].RootNode));
    }

    [Fact]
    public void A_text_over_the_limits_is_refused_before_any_tree_is_built()
    {
        var events = new List<ParsingEvent>();
        var deep = string.Concat(Enumerable.Repeat("[", 40)) + string.Concat(Enumerable.Repeat("]", 40));

        Assert.NotNull(YamlLimits.Check("x: " + deep, 0, events));
        Assert.DoesNotContain(events, e => e is StreamEnd);
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => $"S({s.Value}@{s.Start.Line}:{s.Start.Column}-{s.End.Line}:{s.End.Column} {s.Style} {s.Anchor})",
        YamlSequenceNode q => $"Q@{q.Start.Line}:{q.Start.Column}[{string.Join(",", q.Children.Select(Describe))}]",
        YamlMappingNode m => $"M@{m.Start.Line}:{m.Start.Column}{{{string.Join(",", m.Children.Select(kv => Describe(kv.Key) + "=" + Describe(kv.Value)))}}}",
        _ => node.GetType().Name,
    };
}
