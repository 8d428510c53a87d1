using System.Net;
using System.Text;
using KnowledgeBase.Model;
using KnowledgeBase.Rendering;
using KnowledgeBase.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;

namespace KnowledgeBase.Cli.Serve;

/// <summary>
/// Answers GET requests from the live site's current snapshot: pages (rendered on demand), theme assets, search
/// files, feeds and data API, the schema, and the 404 page — the same paths a built site has.
/// </summary>
public sealed class SiteRequests(LiveSite site, BackgroundSearchIndex search, Func<LiveSnapshot?, string> buildOf, ServeReporter reporter)
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }
        // Every answer may change with the next save.
        response.Headers.CacheControl = "no-store";
        var path = request.Path.Value ?? "/";
        if (path == LiveScript.Path)
        {
            await SendAsync(context, 200, "text/javascript; charset=utf-8", LiveScript.Bytes);
            return;
        }

        var snapshot = site.Current;
        if (snapshot is null)
        {
            await SendAsync(context, 503, "text/html; charset=utf-8", ErrorPage("The site has not built yet", site.Errors ?? []));
            return;
        }

        var sitePath = path.TrimStart('/');
        if (sitePath.Split('/').Any(s => s is "." or "..") || sitePath.Contains('\\') || sitePath.Contains('\0'))
        {
            await NotFoundAsync(context, snapshot);
            return;
        }
        if (sitePath == "index.html" || sitePath.EndsWith("/index.html", StringComparison.Ordinal)) sitePath = sitePath[..^"index.html".Length];

        try
        {
            // Metrics pages, feeds and the data API are made of metrics and similar incidents: wait for fresh ones.
            if (NeedsCompleteSite(sitePath) && snapshot.Completion is { } completion)
                snapshot = await completion.WaitAsync(context.RequestAborted);

            if (snapshot.Page(sitePath) is { } html)
            {
                await SendAsync(context, 200, "text/html; charset=utf-8", html);
                return;
            }
            if (sitePath.Length > 0 && !sitePath.EndsWith('/') && snapshot.HasPage(sitePath + "/"))
            {
                response.Redirect(path + "/" + request.QueryString);
                return;
            }
            if (await FileAsync(sitePath, snapshot, context.RequestAborted) is { } file)
            {
                await SendAsync(context, 200, ContentTypeOf(sitePath), file);
                return;
            }
            await NotFoundAsync(context, snapshot);
        }
        catch (ThemeException e)
        {
            reporter.RequestFailed(path, e.Message);
            await SendAsync(context, 500, "text/html; charset=utf-8",
                ErrorPage("The theme cannot render this page", [new Diagnostic(DiagnosticLevel.Error, "theme", 0, 0, "", e.Message)]));
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException && !response.HasStarted)
        {
            // A bug in kb: say so on the terminal and in the tab, and keep serving.
            reporter.RequestFailed(path, $"internal error: {e.GetType().Name}: {e.Message}");
            await SendAsync(context, 500, "text/html; charset=utf-8",
                ErrorPage("kb could not render this page", ServeReporter.Internal(e)));
        }
    }

    private static bool NeedsCompleteSite(string sitePath) =>
        sitePath.StartsWith("metrics/", StringComparison.Ordinal) || sitePath.StartsWith("api/", StringComparison.Ordinal)
        || sitePath.StartsWith("sitemap", StringComparison.Ordinal) || sitePath == Output.Feeds.AtomFeed.Path;

    private async Task<byte[]?> FileAsync(string sitePath, LiveSnapshot snapshot, CancellationToken cancel)
    {
        if (sitePath.StartsWith(Pipeline.SearchDocuments.Folder + "/", StringComparison.Ordinal))
        {
            var folder = await search.FolderAsync(cancel);
            var full = Path.GetFullPath(Path.Combine(folder, sitePath[(Pipeline.SearchDocuments.Folder.Length + 1)..]));
            if (!full.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return null;
            try { return await File.ReadAllBytesAsync(full, cancel); }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { return null; }
        }
        if (sitePath.StartsWith("assets/", StringComparison.Ordinal))
        {
            await using var stream = snapshot.Theme.Theme.Open(sitePath);
            if (stream is null) return null;
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory, cancel);
            return memory.ToArray();
        }
        if (sitePath == Authoring.PostmortemSchema.SitePath) return Authoring.PostmortemSchema.Bytes.ToArray();
        return snapshot.File(sitePath);
    }

    private async Task NotFoundAsync(HttpContext context, LiveSnapshot snapshot) =>
        await SendAsync(context, 404, "text/html; charset=utf-8", snapshot.Page("404.html") ?? Encoding.UTF8.GetBytes("Not found"));

    private static string ContentTypeOf(string sitePath) =>
        ContentTypes.TryGetContentType(sitePath, out var type)
            ? type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("json", StringComparison.Ordinal) || type.EndsWith("javascript", StringComparison.Ordinal) || type.EndsWith("xml", StringComparison.Ordinal)
                ? type + "; charset=utf-8" : type
            : "application/octet-stream";

    /// <summary>What a tab gets while there is no good site at all: the errors, and the script that reloads it once there is.</summary>
    private byte[] ErrorPage(string title, IReadOnlyList<Diagnostic> errors)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>kb serve: ")
            .Append(WebUtility.HtmlEncode(title)).Append("</title></head><body><h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1><ul>");
        foreach (var d in errors)
            html.Append("<li><code>").Append(WebUtility.HtmlEncode(d.ToString())).Append("</code></li>");
        html.Append("</ul><p>Fix the input and save; this page reloads by itself.</p></body></html>");
        return Encoding.UTF8.GetBytes(LiveScript.Inject(html.ToString(), buildOf(site.Current)));
    }

    private static async Task SendAsync(HttpContext context, int status, string contentType, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method)) await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
