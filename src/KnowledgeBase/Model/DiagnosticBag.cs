using System.Collections;

namespace KnowledgeBase.Model;

/// <summary>A thread-safe collection of diagnostics: parallel stages add to one bag.</summary>
public sealed class DiagnosticBag : ICollection<Diagnostic>
{
    private readonly List<Diagnostic> _items = [];
    private readonly Lock _lock = new();

    public int Count { get { lock (_lock) return _items.Count; } }
    public bool IsReadOnly => false;
    public bool HasErrors { get { lock (_lock) return _items.Any(d => d.IsError); } }

    public void Add(Diagnostic item) { lock (_lock) _items.Add(item); }
    public void Clear() { lock (_lock) _items.Clear(); }
    public bool Contains(Diagnostic item) { lock (_lock) return _items.Contains(item); }
    public void CopyTo(Diagnostic[] array, int arrayIndex) { lock (_lock) _items.CopyTo(array, arrayIndex); }
    public bool Remove(Diagnostic item) { lock (_lock) return _items.Remove(item); }

    /// <summary>A snapshot in file, line, column order, so output is the same on every run.</summary>
    public IReadOnlyList<Diagnostic> Sorted()
    {
        lock (_lock)
            return _items
                .OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column)
                .ThenBy(d => d.Field, StringComparer.Ordinal).ThenBy(d => d.Message, StringComparer.Ordinal)
                .ToList();
    }

    public IEnumerator<Diagnostic> GetEnumerator() { lock (_lock) return _items.ToList().GetEnumerator(); }
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
