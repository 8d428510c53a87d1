using KnowledgeBase.Cli.Serve;
using KnowledgeBase.Model;

namespace KnowledgeBase.Tests.Serve;

/// <summary>The live-reload socket's JSON, exactly as live-reload.js reads it (snake_case, every field of a finding).</summary>
public sealed class LiveMessagesTests
{
    private static readonly Diagnostic DateError =
        new(DiagnosticLevel.Error, "postmortems/2024/сбой.md", 3, 7, "date", "expected \"YYYY-MM-DD\", got 2024-13-45");

    [Fact]
    public void Reload_names_the_build() =>
        Assert.Equal("""{"type":"reload","build":"abc-2"}""", LiveMessages.Reload("abc-2"));

    [Fact]
    public void Error_carries_each_located_finding()
    {
        var warning = DateError with { Level = DiagnosticLevel.Warning, Line = 0, Column = 0, Field = "" };
        Assert.Equal(
            """{"type":"error","build":"abc-2","errors":[""" + Located("error", "postmortems/2024/\u0441\u0431\u043E\u0439.md:3:7", 3, 7, "date") + "," +
            Located("warning", "postmortems/2024/\u0441\u0431\u043E\u0439.md", 0, 0, "") + "]}",
            LiveMessages.Error("abc-2", [DateError, warning]));
    }

    [Fact]
    public void Hello_says_whether_a_good_site_is_served_and_lists_no_errors_as_an_empty_array()
    {
        Assert.Equal("""{"type":"hello","build":"abc-1","good":true,"errors":[]}""", LiveMessages.Hello("abc-1", true, null));
        Assert.StartsWith("""{"type":"hello","build":"abc-1","good":false,"errors":[{"location":""", LiveMessages.Hello("abc-1", false, [DateError]));
    }

    // Default System.Text.Json escaping: non-ASCII and quotes as \uXXXX, as the browser's JSON.parse reads them.
    private static string Located(string level, string location, int line, int column, string field) =>
        "{\"location\":\"" + Escape(location) + "\",\"file\":\"" + Escape("postmortems/2024/сбой.md") + "\",\"line\":" + line +
        ",\"column\":" + column + ",\"field\":\"" + field + "\",\"level\":\"" + level +
        "\",\"message\":\"expected \\u0022YYYY-MM-DD\\u0022, got 2024-13-45\"}";

    private static string Escape(string text) =>
        string.Concat(text.Select(c => c < 128 ? c.ToString() : $"\\u{(int)c:X4}"));
}
