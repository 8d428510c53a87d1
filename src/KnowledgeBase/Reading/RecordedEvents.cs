using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KnowledgeBase.Reading;

/// <summary>Replays parser events read earlier (by <see cref="YamlLimits"/>), so one YAML text is scanned once.</summary>
public sealed class RecordedEvents(IReadOnlyList<ParsingEvent> events) : IParser
{
    private int _next;

    public ParsingEvent? Current { get; private set; }

    public bool MoveNext()
    {
        if (_next >= events.Count)
        {
            Current = null;
            return false;
        }
        Current = events[_next++];
        return true;
    }
}
