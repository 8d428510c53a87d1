using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using KnowledgeBase.Cli.Serve;
using KnowledgeBase.Tests.Site;

namespace KnowledgeBase.Tests.Serve;

/// <summary>
/// A <c>kb serve</c> server started in-process on a free port over a fresh small knowledge base, with an HTTP
/// client and live-reload sockets; disposing stops it and removes the folder.
/// </summary>
public sealed class RunningServer : IAsyncDisposable
{
    private static readonly HtmlParser Parser = new();
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();
    private readonly List<ClientWebSocket> _sockets = [];

    private RunningServer(TempDir dir, string input) => (Dir, Input) = (dir, input);

    public TempDir Dir { get; }
    public string Input { get; }
    public LiveServer Server { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }
    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    public static async Task<RunningServer> StartAsync(Action<TempDir>? prepare = null, Func<ServeOptions, ServeOptions>? configure = null)
    {
        var dir = new TempDir();
        var input = SmallKnowledgeBase.Create(dir);
        prepare?.Invoke(dir);
        var running = new RunningServer(dir, input);
        var options = new ServeOptions { InputDir = input, Port = 0, AsOf = new DateOnly(2026, 11, 23) };
        running.Server = await LiveServer.StartAsync(configure?.Invoke(options) ?? options,
            new ServeReporter(TextWriter.Synchronized(running._stdout), TextWriter.Synchronized(running._stderr)));
        running.Http = new HttpClient { BaseAddress = running.Server.Address, Timeout = TimeSpan.FromSeconds(60) };
        return running;
    }

    public string PathOf(string relative) => Path.Combine(Input, relative);

    /// <summary>Writes a post-mortem (or any input file) as an editor would.</summary>
    public void WriteInput(string relative, string text) => File.WriteAllText(PathOf(relative), text);

    public async Task<IDocument> PageAsync(string path)
    {
        var html = await Http.GetStringAsync(path);
        return Parser.ParseDocument(html);
    }

    public async Task<LiveSocket> ConnectAsync()
    {
        var socket = new ClientWebSocket();
        _sockets.Add(socket);
        var uri = new UriBuilder(Server.Address) { Scheme = "ws", Path = LiveScript.SocketPath }.Uri;
        await socket.ConnectAsync(uri, CancellationToken.None);
        return new LiveSocket(socket);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _sockets) s.Dispose();
        Http?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
        Dir.Dispose();
    }
}

/// <summary>One browser tab's view of the live-reload socket.</summary>
public sealed class LiveSocket(ClientWebSocket socket)
{
    public ClientWebSocket Socket => socket;

    /// <summary>The next message (its JSON), or a timeout failure.</summary>
    public async Task<JsonElement> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        var buffer = new byte[64 * 1024];
        using var text = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancel.Token);
            if (result.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("the server closed the socket");
            text.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) break;
        }
        return JsonDocument.Parse(Encoding.UTF8.GetString(text.ToArray())).RootElement.Clone();
    }

    /// <summary>Skips messages until one of the given type arrives.</summary>
    public async Task<JsonElement> ReceiveAsync(string type, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"no '{type}' message");
            var message = await ReceiveAsync(left);
            if (message.GetProperty("type").GetString() == type) return message;
        }
    }
}
