using System.Text.Json;
using KnowledgeBase.Model;

namespace KnowledgeBase.Cli.Serve;

/// <summary>
/// The JSON messages of the live-reload WebSocket. <c>build</c> names the site state a page was rendered from
/// (server instance + update number), so a tab only reloads when it is really out of date.
/// </summary>
public static class LiveMessages
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Reload(string build) => JsonSerializer.Serialize(new { type = "reload", build }, Json);

    public static string Error(string build, IEnumerable<Diagnostic> errors) =>
        JsonSerializer.Serialize(new { type = "error", build, errors = errors.Select(Located) }, Json);

    /// <param name="good">Whether a good site is being served (else pages are the error page).</param>
    public static string Hello(string build, bool good, IEnumerable<Diagnostic>? errors) =>
        JsonSerializer.Serialize(new { type = "hello", build, good, errors = (errors ?? []).Select(Located) }, Json);

    private static object Located(Diagnostic d) => new
    {
        location = d.Location,
        file = d.File,
        line = d.Line,
        column = d.Column,
        field = d.Field,
        level = d.IsError ? "error" : "warning",
        message = d.Message,
    };
}
