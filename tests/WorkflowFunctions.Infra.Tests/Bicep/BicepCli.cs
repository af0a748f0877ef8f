using System.Diagnostics;

namespace WorkflowFunctions.Infra.Tests.Bicep;

/// <summary>Runs the Bicep CLI restored from NuGet, the same binary <c>scripts/bicep.sh</c> uses.</summary>
public static class BicepCli
{
    public static async Task<BicepRun> RunAsync(params string[] arguments)
    {
        var executable = InfraPaths.BicepExecutable;
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException("The Bicep CLI package was not restored.", executable);
        }

        // NuGet does not always keep the executable bit when it extracts a package.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(executable, File.GetUnixFileMode(executable) | UnixFileMode.UserExecute);
        }

        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = InfraPaths.RepositoryRoot,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {executable}.");

        // Both streams are drained together so a full stderr pipe cannot stall the process.
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new BicepRun(process.ExitCode, await output, await errors);
    }
}
