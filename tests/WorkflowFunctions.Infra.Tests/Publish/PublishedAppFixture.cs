using System.Diagnostics;
using WorkflowFunctions.Infra.Tests.Bicep;

namespace WorkflowFunctions.Infra.Tests.Publish;

/// <summary>
/// Publishes the Functions app once (Release, what <c>azd deploy</c> packages) into a temporary folder. Its
/// bin and obj go to a temporary artifacts folder too, so the publish neither needs a prior restore nor
/// touches the output of a build of the same projects running beside it (the IDE, the benchmarks).
/// </summary>
public sealed class PublishedAppFixture : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(12);

    private readonly string _workspace = Directory.CreateTempSubdirectory("wf-publish-").FullName;

    public string Output => Path.Combine(_workspace, "out");

    public int ExitCode { get; private set; }

    public string Log { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var project = Path.Combine(InfraPaths.RepositoryRoot, "src", "WorkflowFunctions", "WorkflowFunctions.csproj");

        // No build servers: a compiler or MSBuild node that outlives the publish would keep the redirected
        // output open, and reading it would then wait for the server to exit rather than for the publish.
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                "publish", project, "-c", "Release", "-o", Output,
                "--artifacts-path", Path.Combine(_workspace, "artifacts"), "--disable-build-servers", "--nologo",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = InfraPaths.RepositoryRoot,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet publish.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Log = $"dotnet publish did not finish within {Limit}.{Environment.NewLine}";
        }

        ExitCode = process.ExitCode;
        Log += await stdout + await stderr;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_workspace, recursive: true);
        return Task.CompletedTask;
    }
}
