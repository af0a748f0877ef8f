using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace WorkflowFunctions.LocalHost.Tests;

/// <summary>The built LocalHost as a separate process on Azurite, which a test can kill.</summary>
internal sealed class LocalHostProcess : IDisposable
{
    private readonly Process _process;

    private LocalHostProcess(Process process) => _process = process;

    public static async Task<LocalHostProcess> StartAsync(
        int port, string hub, HttpClient client, string? storage = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(
            Azurite.RepositoryRoot(), "src", "WorkflowFunctions.LocalHost", "bin", configuration, "net10.0", "WorkflowFunctions.LocalHost.dll");
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.Environment["AzureWebJobsStorage"] = storage ?? Azurite.ConnectionString;
        info.Environment["DURABLE_TASK_HUB_NAME"] = hub;
        info.Environment["Auth__BootstrapKey"] = LocalHostFixture.ApiKey;
        info.Environment["HttpNode__AllowPrivateNetworks"] = "true";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new LocalHostProcess(process);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                if ((await client.GetAsync(new Uri("api/health", UriKind.Relative), limit.Token)).IsSuccessStatusCode)
                {
                    return host;
                }
            }
            catch (HttpRequestException) when (!process.HasExited)
            {
            }

            if (process.HasExited)
            {
                host.Dispose();
                throw new InvalidOperationException($"The LocalHost exited with code {process.ExitCode} ({dll}).");
            }

            await Task.Delay(200, limit.Token);
        }
    }

    /// <summary>Kills the process at once (SIGKILL, as <c>kill -9</c>) and waits until it is gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
