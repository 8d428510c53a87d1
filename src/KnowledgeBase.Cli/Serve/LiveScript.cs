using System.Net;

namespace KnowledgeBase.Cli.Serve;

/// <summary>The live-reload script: served from the tool's resources at <see cref="Path"/> and referenced by every served page.</summary>
public static class LiveScript
{
    public const string Path = "/_kb/live.js";
    public const string SocketPath = "/_kb/live";

    public static byte[] Bytes { get; } = Load();

    /// <summary>Adds the script tag before the page's last <c>&lt;/body&gt;</c> (a separate file, so a page keeps working under a strict CSP).</summary>
    public static string Inject(string html, string build)
    {
        var tag = $"<script src=\"{Path}\" data-kb-build=\"{WebUtility.HtmlEncode(build)}\" defer></script>";
        var at = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? html + tag : html.Insert(at, tag);
    }

    private static byte[] Load()
    {
        using var stream = typeof(LiveScript).Assembly.GetManifestResourceStream("serve/live-reload.js")
            ?? throw new InvalidOperationException("the live-reload script is missing from the tool");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
