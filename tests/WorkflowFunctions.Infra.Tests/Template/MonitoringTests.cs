namespace WorkflowFunctions.Infra.Tests.Template;

[Collection(SharedCompiledTemplate.Name)]
public sealed class MonitoringTests(CompiledTemplateFixture compiled)
{
    [Fact]
    public void ApplicationInsights_Compiled_DisablesLocalAuth()
    {
        // Arrange
        var components = compiled.Template.OnlyOfType("Microsoft.Insights/components");

        // Act
        var disableLocalAuth = components.Properties["DisableLocalAuth"]!.GetValue<bool>();

        // Assert
        Assert.True(disableLocalAuth);
    }

    [Fact]
    public void ApplicationInsights_Compiled_SendsToLogAnalytics()
    {
        // Arrange
        var components = compiled.Template.OnlyOfType("Microsoft.Insights/components");

        // Act
        var workspace = components.Properties["WorkspaceResourceId"]!.GetValue<string>();

        // Assert
        Assert.Contains("Microsoft.OperationalInsights/workspaces", workspace, StringComparison.Ordinal);
    }
}
