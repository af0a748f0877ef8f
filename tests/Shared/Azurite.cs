using System.Diagnostics;
using System.Net.Sockets;

namespace WorkflowFunctions.Testing;

/// <summary>
/// Azurite on its default loopback ports: used when already running (scripts/test.sh starts it), otherwise
/// started from the repository's pinned npm install (<c>npm ci</c>). Fails loudly when neither is possible:
/// storage tests never silently skip. Linked into every test project that needs storage, and into the API
/// benchmark (which only checks that it runs).
/// </summary>
internal static class Azurite
{
    public const string ConnectionString = "UseDevelopmentStorage=true";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Process? _started;

    public static async Task EnsureRunningAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (await IsRunningAsync())
            {
                return;
            }

            var root = RepositoryRoot();
            var binary = Path.Combine(root, "node_modules", ".bin", "azurite");
            if (!File.Exists(binary))
            {
                throw new InvalidOperationException(
                    $"Azurite is not running on 127.0.0.1:10000-10002 and {binary} is missing: run 'npm ci' in {root} (scripts/test.sh does).");
            }

            var data = Directory.CreateTempSubdirectory("azurite-").FullName;
            // In memory (it refuses --location then) and without telemetry, as scripts/test.sh starts it.
            _started = Process.Start(new ProcessStartInfo(
                binary,
                ["--silent", "--skipApiVersionCheck", "--loose", "--inMemoryPersistence", "--disableTelemetry",
                 "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1"])
            {
                WorkingDirectory = data,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            AppDomain.CurrentDomain.ProcessExit += (_, _) => _started?.Kill(entireProcessTree: true);
            for (var i = 0; i < 100 && !await IsRunningAsync(); i++)
            {
                await Task.Delay(200);
            }

            if (!await IsRunningAsync())
            {
                throw new InvalidOperationException("Azurite did not start listening on 127.0.0.1:10000-10002.");
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    public static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "WorkflowFunctions.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (WorkflowFunctions.sln) was not found above the test output.");
    }

    /// <summary>Whether Azurite listens on all three default ports.</summary>
    public static async Task<bool> IsRunningAsync()
    {
        foreach (var port in new[] { 10000, 10001, 10002 })
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
            }
            catch (SocketException)
            {
                return false;
            }
        }

        return true;
    }
}
