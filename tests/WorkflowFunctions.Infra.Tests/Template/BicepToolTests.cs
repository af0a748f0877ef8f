using WorkflowFunctions.Infra.Tests.Bicep;

namespace WorkflowFunctions.Infra.Tests.Template;

[Collection(SharedCompiledTemplate.Name)]
public sealed class BicepToolTests(CompiledTemplateFixture compiled)
{
    [Fact]
    public void Build_MainTemplate_ReportsNoDiagnostics()
    {
        // Arrange
        var build = compiled.Build;

        // Act
        var diagnostics = build.StandardError.Trim();

        // Assert
        Assert.Equal(string.Empty, diagnostics);
    }

    [Fact]
    public async Task Lint_MainTemplate_ReportsNoDiagnostics()
    {
        // Arrange
        var arguments = new[] { "lint", InfraPaths.MainBicep };

        // Act
        var lint = await BicepCli.RunAsync(arguments);

        // Assert
        Assert.Equal((0, string.Empty, string.Empty), (lint.ExitCode, lint.StandardOutput.Trim(), lint.StandardError.Trim()));
    }
}
