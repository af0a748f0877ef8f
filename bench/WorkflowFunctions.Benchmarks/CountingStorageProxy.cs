using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WorkflowFunctions.Benchmarks;

/// <summary>
/// A loopback TCP proxy in front of a storage emulator's blob, queue and table ports that counts every HTTP request
/// passing through it, by service, resource (table, queue or container) and method: the storage requests a process
/// makes, counted where they arrive, whoever made them (the Durable engine's own clients cannot be instrumented from
/// the app). Requests are read from the client side only as far as their heads and bodies (Content-Length), which is
/// how the Azure SDK's HTTP/1.1 clients send them; responses are copied back untouched.
/// </summary>
internal sealed class CountingStorageProxy : IAsyncDisposable
{
    private readonly List<TcpListener> _listeners = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<(string Service, string Resource, string Method), int> _counts = new();
    private readonly List<Task> _loops = [];

    private CountingStorageProxy()
    {
    }

    /// <summary>The connection string that reaches the emulator through the proxy.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Starts one listener per service in front of the emulator's ports.</summary>
    public static CountingStorageProxy Start(int blobPort, int queuePort, int tablePort)
    {
        var proxy = new CountingStorageProxy();
        var blob = proxy.Listen("blob", blobPort);
        var queue = proxy.Listen("queue", queuePort);
        var table = proxy.Listen("table", tablePort);
        proxy.ConnectionString = EmulatorConnectionString(blob, queue, table);
        return proxy;
    }

    /// <summary>The emulator's well-known account and key, with each service on a loopback port.</summary>
    public static string EmulatorConnectionString(int blobPort, int queuePort, int tablePort)
    {
        const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
        return string.Create(CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;"
            + $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;");
    }

    /// <summary>The counts so far, and resets them.</summary>
    public IReadOnlyDictionary<(string Service, string Resource, string Method), int> Take()
    {
        var taken = new Dictionary<(string, string, string), int>();
        foreach (var key in _counts.Keys)
        {
            if (_counts.TryRemove(key, out var count))
            {
                taken[key] = count;
            }
        }

        return taken;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var listener in _listeners)
        {
            listener.Stop();
        }

        await Task.WhenAll(_loops).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private int Listen(string service, int target)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(512);
        _listeners.Add(listener);
        _loops.Add(Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }

                _ = Task.Run(() => ServeAsync(service, client, target));
            }
        }));
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task ServeAsync(string service, TcpClient client, int target)
    {
        using var _ = client;
        using var upstream = new TcpClient { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, target, _stop.Token);
            var fromClient = client.GetStream();
            var toServer = upstream.GetStream();
            var back = toServer.CopyToAsync(fromClient, _stop.Token);
            var forward = ForwardRequestsAsync(service, fromClient, toServer);
            await Task.WhenAny(back, forward);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A closed connection ends its copy loops.
        }
    }

    // Copies requests from the client to the emulator one at a time, counting each by its request line.
    private async Task ForwardRequestsAsync(string service, NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        while (true)
        {
            int headEnd;
            while ((headEnd = IndexOfHeadEnd(buffer, filled)) < 0)
            {
                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var read = await from.ReadAsync(buffer.AsMemory(filled), _stop.Token);
                if (read == 0)
                {
                    return;
                }

                filled += read;
            }

            var head = Encoding.ASCII.GetString(buffer, 0, headEnd);
            var length = ContentLength(head);
            var body = Math.Min(length, filled - headEnd);
            Count(service, head, Encoding.ASCII.GetString(buffer, headEnd, Math.Min(body, 4096)));
            await to.WriteAsync(buffer.AsMemory(0, headEnd + body), _stop.Token);
            var remaining = length - body;
            var consumed = headEnd + body;
            Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
            filled -= consumed;
            while (remaining > 0)
            {
                var read = await from.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, remaining)), _stop.Token);
                if (read == 0)
                {
                    return;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                remaining -= read;
            }
        }
    }

    private void Count(string service, string head, string bodyStart)
    {
        var line = head[..head.IndexOf('\r', StringComparison.Ordinal)].Split(' ');
        var method = line[0];
        var path = line.Length > 1 ? line[1] : "/";
        var query = path.IndexOf('?', StringComparison.Ordinal);
        var segments = (query < 0 ? path : path[..query]).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resource = segments.Length > 1 ? segments[1] : "(account)";
        if (service == "table")
        {
            if (resource == "$batch")
            {
                // An entity group transaction names its table inside the body: count it once, under that table.
                var at = bodyStart.IndexOf("/devstoreaccount1/", StringComparison.Ordinal);
                var table = at < 0 ? "?" : new string(bodyStart[(at + 18)..].TakeWhile(char.IsAsciiLetterOrDigit).ToArray());
                resource = table;
                method = "BATCH";
            }
            else
            {
                var paren = resource.IndexOf('(', StringComparison.Ordinal);
                resource = paren < 0 ? resource : resource[..paren];
            }
        }

        _counts.AddOrUpdate((service, resource, method), 1, (_, n) => n + 1);
    }

    private static int ContentLength(string head)
    {
        foreach (var line in head.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                return int.Parse(line.AsSpan(15).Trim(), CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    // The end of the request head (after its blank line), or -1.
    private static int IndexOfHeadEnd(byte[] buffer, int filled)
    {
        var at = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
        return at < 0 ? -1 : at + 4;
    }
}
