using System.Diagnostics;
using System.Text;
using CsCheck;
using KnowledgeBase.Tests.Site;
using Xunit.Abstractions;

namespace KnowledgeBase.Tests.Trust;

/// <summary>
/// Property-based: valid post-mortems (front matter and Markdown) mutated at random — characters and lines deleted,
/// duplicated, inserted, swapped, replaced by random Unicode (surrogates, controls, BOMs, NULs), YAML and Markdown
/// syntax sprinkled in, the file truncated — always build or fail with located errors (a file on every diagnostic,
/// a line on every diagnostic about a post-mortem), never with an unhandled exception. CsCheck shrinks a failure
/// to a minimal mutation list and prints the seed to replay it.
/// </summary>
public sealed class MutationPropertyTests(ITestOutputHelper output)
{
    private static readonly string[] Bases =
        [SmallKnowledgeBase.English, SmallKnowledgeBase.Russian, SmallKnowledgeBase.French, SmallKnowledgeBase.German, SmallKnowledgeBase.Draft];

    /// <summary>The files' own names (ids come from them, and the bases link and relate to each other by them).</summary>
    private static readonly string[] Names =
    [
        "postmortems/2024/tls-expired.md", "postmortems/2023/db-disk-full.md", "postmortems/2024/dns-migration.md",
        "postmortems/2025/queue-backlog.md", "postmortems/2025/secret-draft.md",
    ];

    private static readonly string[] Snippets =
    [
        "---", "...", ":", ": ", "- ", "[", "]", "{", "}", "&a ", "*a", "<<: *a", "\"", "'", "\n", "\r\n", "\r", "\t", "  ", "#",
        ">", "|", "|-", "`", "```", "~~~", "<script>alert(1)</script>", "<div onclick=x>", "</div>", "\uFEFF", "\0", "\uD800",
        "\uDC00", "é", "İ", "ı", "🔥", "\u202E", "\u200B", "..", "../", "%", "![x](", "[x](javascript:alert(1))", "[x](../2023/db-disk-full.md)",
        "[^1]", "[^1]: n", "*", "**", "_", "~~", "> ", "1. ", "| a | b |\n|--|--|", "+---+\n| a |\n+===+", "$$", "\\", "&amp;", "&#0;",
        "title:", "date: 2024-13-45", "severity: SEV0", "id: Bad Id", "related: [nope]", "actions:\n  - title: x", "lessons: 5",
        "impact: [1, 2]", "started: yesterday", "? ", "!!str ", "!!binary ", "%YAML 1.2\n", "--- !tag", "*", "&", "@", "`x`",
    ];

    /// <summary>One edit of the text; positions are taken modulo the text's length so every mutation applies.</summary>
    public sealed record Mutation(int Kind, int Position, int Length, string Text)
    {
        public override string ToString() => $"{Kind}@{Position}+{Length}:{System.Text.Json.JsonSerializer.Serialize(Text)}";
    }

    private static readonly Gen<string> GenText = Gen.Frequency(
        (3, Gen.OneOf(Snippets)),
        (1, Gen.String[Gen.Char, 0, 6]),
        (1, Gen.Char['\u0000', '\u007F'].Array[0, 6].Select(c => new string(c))));

    private static readonly Gen<Mutation> GenMutation =
        Gen.Select(Gen.Int[0, 8], Gen.Int[0, 100_000], Gen.Int[0, 30], GenText, (k, p, l, t) => new Mutation(k, p, l, t));

    private static readonly Gen<(int Base, Mutation[] Mutations)> GenCase = Gen.Select(Gen.Int[0, Bases.Length - 1], GenMutation.Array[1, 6]);

    public static string Apply(string text, IEnumerable<Mutation> mutations)
    {
        foreach (var m in mutations)
        {
            var lines = text.Split('\n').ToList();
            int P(int n) => n == 0 ? 0 : m.Position % n;
            switch (m.Kind)
            {
                case 0: // delete characters
                    var at = P(text.Length + 1);
                    text = text.Remove(at, Math.Min(m.Length, text.Length - at));
                    break;
                case 1: // insert text
                    text = text.Insert(P(text.Length + 1), m.Text);
                    break;
                case 2: // duplicate a line
                    var d = P(lines.Count);
                    lines.Insert(d, lines[d]);
                    text = string.Join('\n', lines);
                    break;
                case 3: // delete a line
                    if (lines.Count > 1) lines.RemoveAt(P(lines.Count));
                    text = string.Join('\n', lines);
                    break;
                case 4: // swap two lines
                    var a = P(lines.Count);
                    var b = lines.Count == 0 ? 0 : (m.Position / 7 + m.Length) % lines.Count;
                    (lines[a], lines[b]) = (lines[b], lines[a]);
                    text = string.Join('\n', lines);
                    break;
                case 5: // truncate
                    text = text[..P(text.Length + 1)];
                    break;
                case 6: // replace characters
                    var r = P(text.Length + 1);
                    text = text.Remove(r, Math.Min(m.Length % 4, text.Length - r)).Insert(r, m.Text);
                    break;
                case 7: // insert a whole line
                    lines.Insert(P(lines.Count + 1), m.Text);
                    text = string.Join('\n', lines);
                    break;
                default: // indent or dedent a line (YAML structure)
                    var i = P(lines.Count);
                    lines[i] = m.Length % 2 == 0 ? new string(' ', 1 + m.Length % 5) + lines[i] : lines[i].TrimStart();
                    text = string.Join('\n', lines);
                    break;
            }
        }
        return text;
    }

    [Fact]
    public void Mutated_post_mortems_build_or_report_located_errors()
    {
        using var dir = new TempDir();
        var count = 0;
        var failed = 0;
        var watch = Stopwatch.StartNew();
        GenCase.Sample(c =>
        {
            var text = Apply(Bases[c.Base], c.Mutations);
            var root = Path.Combine(dir.Path, Guid.NewGuid().ToString("N"));
            var input = Path.Combine(root, "input");
            // The mutated file next to intact ones, so cross-file rules (ids, related, links) see it too.
            for (var k = 0; k < Bases.Length; k++)
                Write(input, Names[k], k == c.Base ? text : Bases[k]);
            var result = HostileInputTests.Build(input, Path.Combine(root, "out"));
            Interlocked.Increment(ref count);
            if (!result.Succeeded) Interlocked.Increment(ref failed);
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }, iter: Iterations(200), threads: Math.Max(1, Environment.ProcessorCount), time: -1,
           print: c => $"base {c.Base}, mutations [{string.Join(", ", c.Mutations.Select(m => m.ToString()))}]");
        output.WriteLine($"{count} mutated builds in {watch.Elapsed.TotalSeconds:F1} s; {failed} reported errors, {count - failed} built");
        // Some mutations must leave a valid file, or the build's later stages were never reached.
        Assert.True(count - failed > count / 20, $"only {count - failed} of {count} mutated builds succeeded");
        if (Iterations(0) == 0) Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Mutated_bytes_including_invalid_utf8_are_located_errors()
    {
        // The same, one level down: random bytes replaced in the file, so the reader's UTF-8 check is exercised.
        using var dir = new TempDir();
        Gen.Select(Gen.Int[0, Bases.Length - 1], Gen.Select(Gen.Int[0, 100_000], Gen.Byte).Array[1, 4]).Sample(c =>
        {
            var bytes = Encoding.UTF8.GetBytes(Bases[c.Item1]);
            foreach (var (position, value) in c.Item2) bytes[position % bytes.Length] = value;
            var root = Path.Combine(dir.Path, Guid.NewGuid().ToString("N"));
            var file = Path.Combine(root, "input", "postmortems", "bytes.md");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, bytes);
            HostileInputTests.Build(Path.Combine(root, "input"), Path.Combine(root, "out"), check: true);
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }, iter: Iterations(100), threads: Math.Max(1, Environment.ProcessorCount), time: -1);
    }

    /// <summary>Bounded for CI; set KB_FUZZ_ITERATIONS to explore longer locally.</summary>
    private static long Iterations(long ci) =>
        long.TryParse(Environment.GetEnvironmentVariable("KB_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : ci;

    /// <summary>Writes UTF-8 (a lone surrogate becomes U+FFFD, as an editor would save it).</summary>
    private static void Write(string input, string relative, string text)
    {
        var full = Path.Combine(input, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text, new UTF8Encoding(false));
    }
}
