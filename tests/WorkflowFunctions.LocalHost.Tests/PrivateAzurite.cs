using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace WorkflowFunctions.LocalHost.Tests;

/// <summary>
/// An Azurite of the test's own, on free loopback ports, started from the repository's pinned npm install and
/// stopped when disposed. For a test that loads the emulator for minutes (the 1,000-item batch): Azurite serves
/// every request on one thread and slows down with everything it holds, so on the shared instance that test would
/// both slow the other storage tests and be slowed by them and by whatever earlier runs left behind.
/// </summary>
internal sealed class PrivateAzurite : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process _process;
    private readonly string _data;

    private PrivateAzurite(Process process, string data, int blob, int queue, int table)
    {
        _process = process;
        _data = data;
        ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AccountKey
            + $";BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1"
            + $";TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
    }

    /// <summary>The emulator's well-known account, with this instance's endpoints.</summary>
    public string ConnectionString { get; }

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    public static async Task<PrivateAzurite> StartAsync()
    {
        var root = Azurite.RepositoryRoot();
        var binary = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException($"{binary} is missing: run 'npm ci' in {root} (scripts/test.sh does).");
        }

        var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
        var data = Directory.CreateTempSubdirectory("azurite-private-").FullName;
        var process = Process.Start(new ProcessStartInfo(
            binary,
            [
                "--silent", "--skipApiVersionCheck", "--loose", "--inMemoryPersistence", "--disableTelemetry",
                "--blobHost", "127.0.0.1", "--blobPort", Port(blob),
                "--queueHost", "127.0.0.1", "--queuePort", Port(queue),
                "--tableHost", "127.0.0.1", "--tablePort", Port(table),
            ])
        {
            WorkingDirectory = data,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var azurite = new PrivateAzurite(process, data, blob, queue, table);
        // Node starts Azurite in about a second when idle; on a busy 2-core CI machine, with test collections running
        // in parallel, it has taken over 20 s.
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                break;
            }

            if (await ReachableAsync(blob) && await ReachableAsync(queue) && await ReachableAsync(table))
            {
                return azurite;
            }

            await Task.Delay(200);
        }

        var output = process.HasExited ? await process.StandardError.ReadToEndAsync() : string.Empty;
        await azurite.DisposeAsync();
        throw new InvalidOperationException($"The private Azurite did not start listening on ports {blob}, {queue} and {table}. {output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: it is a temporary directory.
        }
    }

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> ReachableAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
