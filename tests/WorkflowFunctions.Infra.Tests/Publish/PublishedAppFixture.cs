using System.Diagnostics;
using WorkflowFunctions.Infra.Tests.Bicep;

namespace WorkflowFunctions.Infra.Tests.Publish;

/// <summary>
/// Publishes the Functions app once into a temporary folder, in the configuration the test run already built
/// (an incremental build, no restore): the publish step is what decides what azd deploys, and reusing the build
/// keeps this test fast on a busy machine.
/// </summary>
public sealed class PublishedAppFixture : IAsyncLifetime
{
    public string Output { get; } = Directory.CreateTempSubdirectory("wf-publish-").FullName;

    public int ExitCode { get; private set; }

    public string Log { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var project = Path.Combine(InfraPaths.RepositoryRoot, "src", "WorkflowFunctions", "WorkflowFunctions.csproj");
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var info = new ProcessStartInfo("dotnet", ["publish", project, "-c", configuration, "-o", Output, "--nologo", "--no-restore"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = InfraPaths.RepositoryRoot,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(limit.Token);
        ExitCode = process.ExitCode;
        Log = await stdout + await stderr;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Output, recursive: true);
        return Task.CompletedTask;
    }
}
