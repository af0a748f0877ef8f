using System.Text.Json.Nodes;

namespace WorkflowFunctions.Infra.Tests.Publish;

/// <summary>What azd deploys: the published app must carry the Functions host's files and no test-only code.</summary>
public sealed class PublishOutputTests(PublishedAppFixture app) : IClassFixture<PublishedAppFixture>
{
    [Fact]
    public void Publish_Succeeds()
    {
        Assert.True(app.ExitCode == 0, app.Log);
    }

    [Fact]
    public void Publish_HostJson_HasTheTaskHubSetting()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(app.Output, "host.json")))!;

        Assert.Equal("%DURABLE_TASK_HUB_NAME%", host["extensions"]!["durableTask"]!["hubName"]!.GetValue<string>());
        Assert.Equal("api", host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
    }

    [Fact]
    public void Publish_FunctionsMetadata_ListsTheOrchestratorAndActivities()
    {
        var names = JsonNode.Parse(File.ReadAllText(Path.Combine(app.Output, "functions.metadata")))!.AsArray()
            .Select(f => f!["name"]!.GetValue<string>()).ToList();

        Assert.Contains("WorkflowOrchestrator", names);
        Assert.Contains("ExecuteNode", names);
        Assert.Contains("Health", names);
    }

    [Fact]
    public void Publish_ExtensionsJson_IsPresent()
    {
        Assert.True(File.Exists(Path.Combine(app.Output, "extensions.json")) || File.Exists(Path.Combine(app.Output, ".azurefunctions", "extensions.json")));
    }

    [Fact]
    public void Publish_ContainsNoPreviewOrTestAssemblies()
    {
        var files = Directory.EnumerateFiles(app.Output, "*.dll", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();

        Assert.Contains("WorkflowFunctions.dll", files);
        Assert.DoesNotContain("Microsoft.DurableTask.InProcessTestHost.dll", files);
        Assert.DoesNotContain("WorkflowFunctions.LocalHost.dll", files);
        Assert.DoesNotContain(files, f => f!.StartsWith("xunit", StringComparison.OrdinalIgnoreCase) || f.StartsWith("Moq", StringComparison.Ordinal));
    }
}
