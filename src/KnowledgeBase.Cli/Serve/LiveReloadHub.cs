using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;

namespace KnowledgeBase.Cli.Serve;

/// <summary>The open browser tabs, each on a WebSocket; tells all of them to reload or to show errors.</summary>
public sealed class LiveReloadHub
{
    private sealed record Client(WebSocket Socket, SemaphoreSlim SendLock);

    private readonly ConcurrentDictionary<long, Client> _clients = new();
    private long _nextId;

    public int Count => _clients.Count;

    /// <summary>Serves one tab until it goes away or the server stops.</summary>
    public async Task RunAsync(WebSocket socket, string hello, CancellationToken stopping)
    {
        var id = Interlocked.Increment(ref _nextId);
        var client = new Client(socket, new SemaphoreSlim(1, 1));
        _clients[id] = client;
        try
        {
            await SendAsync(client, hello, stopping);
            var buffer = new byte[1024];
            // Tabs send nothing; reading only notices when they close.
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, stopping);
                if (received.MessageType == WebSocketMessageType.Close) break;
            }
            if (socket.State == WebSocketState.CloseReceived)
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            // The tab closed or the server is stopping.
        }
        finally
        {
            _clients.TryRemove(id, out _);
            if (stopping.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                try { await socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "kb serve stopped", CancellationToken.None); }
                catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException) { }
            }
        }
    }

    /// <summary>Sends to every tab; a tab that cannot take it is dropped, never the server.</summary>
    public Task BroadcastAsync(string message) =>
        Task.WhenAll(_clients.Values.Select(c => SendAsync(c, message, CancellationToken.None)));

    private static async Task SendAsync(Client client, string message, CancellationToken cancel)
    {
        await client.SendLock.WaitAsync(cancel);
        try
        {
            if (client.Socket.State != WebSocketState.Open) return;
            await client.Socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, cancel);
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            // The tab is gone; its reader ends and removes it.
        }
        finally
        {
            client.SendLock.Release();
        }
    }
}
