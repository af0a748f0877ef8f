using System.Text.Json.Nodes;

namespace WorkflowFunctions.Infra.Tests.Publish;

/// <summary>What azd deploys: the published app must carry the Functions host's files and no test-only code.</summary>
public sealed class PublishOutputTests(PublishedAppFixture app) : IClassFixture<PublishedAppFixture>
{
    [Fact]
    public void Publish_Release_ExitsWithZero()
    {
        Assert.True(app.ExitCode == 0, app.Log);
    }

    [Fact]
    public void Publish_HostJson_ReadsTheTaskHubFromAppSettings()
    {
        // Act
        var host = Json("host.json");

        // Assert
        Assert.Equal("%DURABLE_TASK_HUB_NAME%", host["extensions"]!["durableTask"]!["hubName"]!.GetValue<string>());
        Assert.Equal("api", host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
    }

    [Fact]
    public void Publish_FunctionsMetadata_ListsTheOrchestratorWithItsTrigger()
    {
        // Act
        var bindings = BindingTypes("WorkflowOrchestrator");

        // Assert
        Assert.Contains("orchestrationTrigger", bindings);
    }

    [Fact]
    public void Publish_FunctionsMetadata_ListsTheNodeActivityWithItsTrigger()
    {
        // Act
        var bindings = BindingTypes("ExecuteNode");

        // Assert
        Assert.Contains("activityTrigger", bindings);
    }

    [Fact]
    public void Publish_ExtensionsJson_RegistersDurableTaskWithItsAssembly()
    {
        // Act
        var durable = Json("extensions.json")["extensions"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == "DurableTask")!;

        // Assert: the host loads the extension from the hint path, so the assembly must be there too.
        var hintPath = durable["hintPath"]!.GetValue<string>();
        Assert.True(File.Exists(Path.Combine(app.Output, hintPath)), $"{hintPath} is missing from the publish output.");
    }

    [Fact]
    public void Publish_Output_ContainsNoPreviewOrTestAssemblies()
    {
        // Act
        var files = Directory.EnumerateFiles(app.Output, "*.dll", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();

        // Assert
        Assert.Contains("WorkflowFunctions.dll", files);
        Assert.DoesNotContain("Microsoft.DurableTask.InProcessTestHost.dll", files);
        Assert.DoesNotContain("WorkflowFunctions.LocalHost.dll", files);
        Assert.DoesNotContain(files, f => f!.StartsWith("xunit", StringComparison.OrdinalIgnoreCase) || f.StartsWith("Moq", StringComparison.Ordinal));
    }

    [Fact]
    public void Publish_Output_LeavesLocalSettingsBehind()
    {
        // Act
        var shipped = File.Exists(Path.Combine(app.Output, "local.settings.json"));

        // Assert: a developer's local.settings.json holds keys and must never be deployed.
        Assert.False(shipped);
    }

    private JsonNode Json(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(app.Output, file)))!;

    private List<string> BindingTypes(string function) =>
        Json("functions.metadata").AsArray()
            .Single(f => f!["name"]!.GetValue<string>() == function)!["bindings"]!.AsArray()
            .Select(b => b!["type"]!.GetValue<string>())
            .ToList();
}
