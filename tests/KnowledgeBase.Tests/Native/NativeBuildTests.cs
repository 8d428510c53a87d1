using System.Diagnostics;
using System.Net.WebSockets;
using KnowledgeBase.Cli.Serve;
using KnowledgeBase.Tests.Serve;
using KnowledgeBase.Tests.Site;

namespace KnowledgeBase.Tests.Native;

/// <summary>The natively compiled kb does what the JIT-compiled CLI does: same bytes, same messages, a working server.</summary>
[Collection(NativeKbCollection.Name)]
public sealed class NativeBuildTests(NativeKb kb)
{
    [Fact]
    public void Native_build_of_the_sample_writes_the_same_bytes_as_the_JIT_build()
    {
        using var dir = new TempDir();
        AssertSameSite(dir, RepoPaths.SampleInput);
    }

    [Fact]
    public void Native_build_with_drafts_and_a_theme_using_the_json_filter_writes_the_same_bytes()
    {
        using var dir = new TempDir();
        var input = SmallKnowledgeBase.Create(dir);
        // The json filter serialises through reflection, which Native AOT switches off unless kb turns it back on.
        dir.Write("theme/templates/not-found.liquid", "<pre>{{ site | json }}</pre><pre>{{ t | json }}</pre>");
        var site = AssertSameSite(dir, input, "--drafts", "--theme", Path.Combine(dir.Path, "theme"));
        Assert.Contains("&quot;", File.ReadAllText(Path.Combine(site, "404.html")));
    }

    [Fact]
    public void Native_check_reports_the_same_located_errors()
    {
        using var dir = new TempDir();
        var input = SmallKnowledgeBase.Create(dir);
        dir.Write("input/postmortems/2024/tls-expired.md", SmallKnowledgeBase.English.Replace("severity: SEV2", "severity: SEV9"));
        foreach (var format in new[] { "text", "json", "github" })
        {
            string[] args = ["check", "--input", input, "--format", format];
            var jit = BuiltSite.Run(args);
            var native = kb.Run(args);
            Assert.Equal(1, jit.Code);
            Assert.Equal((jit.Code, jit.Stdout, jit.Stderr), (native.Code, native.Stdout, native.Stderr));
            Assert.Contains("severity", native.Stdout + native.Stderr);
        }
    }

    [Fact]
    public async Task Native_serve_serves_pages_and_sends_hello_and_reload_messages()
    {
        using var dir = new TempDir();
        var input = SmallKnowledgeBase.Create(dir);
        using var server = kb.Start("serve", "--input", input, "--port", "0", "--as-of", "2026-11-23");
        try
        {
            var address = await AddressOf(server);
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            var home = await http.GetStringAsync("/incidents/tls-expired/");
            Assert.Contains("/_kb/live.js", home);

            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(new UriBuilder(address) { Scheme = "ws", Path = LiveScript.SocketPath }.Uri, CancellationToken.None);
            var tab = new LiveSocket(socket);
            var hello = await tab.ReceiveAsync("hello");
            Assert.True(hello.GetProperty("good").GetBoolean());

            var file = Path.Combine(input, "postmortems", "2024", "tls-expired.md");
            File.WriteAllText(file, File.ReadAllText(file).Replace("severity: SEV2", "severity: SEV9"));
            var error = await tab.ReceiveAsync("error");
            Assert.Equal("severity", error.GetProperty("errors")[0].GetProperty("field").GetString());

            File.WriteAllText(file, SmallKnowledgeBase.English.Replace("TLS", "Native TLS"));
            var reload = await tab.ReceiveAsync("reload");
            Assert.NotEqual(hello.GetProperty("build").GetString(), reload.GetProperty("build").GetString());
            Assert.Contains("Native TLS", await http.GetStringAsync("/incidents/tls-expired/"));
        }
        finally
        {
            server.Kill(true);
            await server.WaitForExitAsync();
        }
    }

    /// <summary>Builds with the JIT-compiled CLI (in-process) and the native executable, and compares every file.</summary>
    private string AssertSameSite(TempDir dir, string input, params string[] extra)
    {
        var jitOut = Path.Combine(dir.Path, "jit");
        var nativeOut = Path.Combine(dir.Path, "native");
        var jit = BuiltSite.Build(input, jitOut, extra);
        Assert.True(jit.ExitCode == 0, jit.Stderr);
        var native = kb.Run(["build", "--input", input, "--output", nativeOut, "--as-of", "2026-11-23", .. extra]);
        Assert.True(native.Code == 0, native.Stderr);

        var files = SameFiles.Assert(jitOut, nativeOut, "differs between the JIT and the native build");
        Assert.True(files.Count > 10, $"only {files.Count} files built");
        return nativeOut;
    }

    /// <summary>The URL kb serve prints once it listens (port 0: it picked a free one).</summary>
    private static async Task<Uri> AddressOf(Process server)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await server.StandardOutput.ReadLineAsync(cancel.Token) is { } line)
        {
            var at = line.IndexOf("http://", StringComparison.Ordinal);
            if (at >= 0) return new Uri(line[at..].Split(' ')[0]);
        }
        throw new InvalidOperationException("kb serve exited before listening: " + await server.StandardError.ReadToEndAsync());
    }
}
