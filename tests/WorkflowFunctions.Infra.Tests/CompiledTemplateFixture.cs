using WorkflowFunctions.Infra.Tests.Arm;
using WorkflowFunctions.Infra.Tests.Bicep;

namespace WorkflowFunctions.Infra.Tests;

/// <summary>Compiles <c>infra/main.bicep</c> once for every test that inspects the resulting ARM JSON.</summary>
public sealed class CompiledTemplateFixture : IAsyncLifetime
{
    private BicepRun? build;
    private ArmTemplate? template;

    public BicepRun Build => build ?? throw new InvalidOperationException("The fixture has not run yet.");

    public ArmTemplate Template => template ?? throw new InvalidOperationException("The fixture has not run yet.");

    public async Task InitializeAsync()
    {
        build = await BicepCli.RunAsync("build", InfraPaths.MainBicep, "--stdout");
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build failed ({build.ExitCode}):\n{build.StandardError}");
        }

        template = ArmTemplate.Parse(build.StandardOutput);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
