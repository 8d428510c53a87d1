using System.Text.Json;
using System.Text.Json.Serialization;
using KnowledgeBase.Model;

namespace KnowledgeBase.Cli.Serve;

/// <summary>
/// The JSON messages of the live-reload WebSocket. <c>build</c> names the site state a page was rendered from
/// (server instance + update number), so a tab only reloads when it is really out of date.
/// </summary>
public static class LiveMessages
{
    public static string Reload(string build) =>
        JsonSerializer.Serialize(new ReloadMessage("reload", build), LiveJsonContext.Default.ReloadMessage);

    public static string Error(string build, IEnumerable<Diagnostic> errors) =>
        JsonSerializer.Serialize(new ErrorMessage("error", build, Located(errors)), LiveJsonContext.Default.ErrorMessage);

    /// <param name="good">Whether a good site is being served (else pages are the error page).</param>
    public static string Hello(string build, bool good, IEnumerable<Diagnostic>? errors) =>
        JsonSerializer.Serialize(new HelloMessage("hello", build, good, Located(errors ?? [])), LiveJsonContext.Default.HelloMessage);

    private static List<LocatedMessage> Located(IEnumerable<Diagnostic> errors) =>
        errors.Select(d => new LocatedMessage(d.Location, d.File, d.Line, d.Column, d.Field,
            d.IsError ? "error" : "warning", d.Message)).ToList();
}

internal sealed record ReloadMessage(string Type, string Build);

internal sealed record ErrorMessage(string Type, string Build, IReadOnlyList<LocatedMessage> Errors);

internal sealed record HelloMessage(string Type, string Build, bool Good, IReadOnlyList<LocatedMessage> Errors);

internal sealed record LocatedMessage(string Location, string File, int Line, int Column, string Field, string Level, string Message);

/// <summary>Source-generated, so the messages need no reflection (kb is published as a native executable).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ReloadMessage))]
[JsonSerializable(typeof(ErrorMessage))]
[JsonSerializable(typeof(HelloMessage))]
internal sealed partial class LiveJsonContext : JsonSerializerContext;
