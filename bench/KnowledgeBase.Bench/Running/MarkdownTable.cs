namespace KnowledgeBase.Bench.Running;

/// <summary>Prints a Markdown table (first two columns left-aligned text, the rest right-aligned figures), so a run's
/// output can be pasted into the READMEs as it is.</summary>
internal static class MarkdownTable
{
    public static void Print(string[] header, IReadOnlyList<string[]> cells)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        string Line(string[] values) => "| " + string.Join(" | ", values.Select((v, i) => i < 2 ? v.PadRight(widths[i]) : v.PadLeft(widths[i]))) + " |";

        Console.WriteLine();
        Console.WriteLine(Line(header));
        Console.WriteLine("|" + string.Join("|", widths.Select((w, i) => i < 2 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
        foreach (var c in cells) Console.WriteLine(Line(c));
        Console.WriteLine();
    }
}
