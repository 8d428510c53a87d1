using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace KnowledgeBase.BrowserTests;

/// <summary>
/// A static file server on 127.0.0.1 (a free port) for built sites, each under its own path prefix, with the same
/// strict headers as the production configuration (netlify.toml): no inline script or style, nothing from another origin.
/// </summary>
public sealed class StaticSiteServer : IAsyncDisposable
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private readonly WebApplication _app;

    private StaticSiteServer(WebApplication app, string origin)
    {
        _app = app;
        Origin = origin;
    }

    /// <summary>Scheme, host and port, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string Origin { get; }

    /// <param name="sites">Request path prefix ("" for the root, else e.g. "/kb/docs") and the folder served there.</param>
    public static async Task<StaticSiteServer> StartAsync(IEnumerable<(string Prefix, string Folder)> sites)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers["Content-Security-Policy"] = ContentSecurityPolicy;
            headers["X-Content-Type-Options"] = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            // The browser asks for a favicon on its own; the sites have none, and a 404 would be a console error.
            if (context.Request.Path.Value?.EndsWith("/favicon.ico", StringComparison.Ordinal) == true)
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            await next();
        });
        // Longest prefix first, so the root site does not answer for a sub-path site.
        foreach (var (prefix, folder) in sites.OrderByDescending(s => s.Prefix.Length))
        {
            app.UseFileServer(new FileServerOptions
            {
                FileProvider = new PhysicalFileProvider(Path.GetFullPath(folder)),
                RequestPath = prefix,
                EnableDefaultFiles = true,
            });
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StaticSiteServer(app, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
