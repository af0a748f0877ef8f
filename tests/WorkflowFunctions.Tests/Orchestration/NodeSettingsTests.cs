using System.Text.Json.Nodes;
using WorkflowFunctions.Orchestration;

namespace WorkflowFunctions.Tests.Orchestration;

public sealed class NodeSettingsTests
{
    [Fact]
    public void For_NodeWithoutSettings_UsesServiceDefaults()
    {
        // Arrange
        var options = new OrchestrationOptions();

        // Act
        var settings = NodeSettings.For("basic-node", [], options);

        // Assert
        Assert.Equal(new NodeSettings(3, TimeSpan.FromSeconds(2), 2, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(300)), settings);
    }

    [Fact]
    public void For_NodeRetryAndTimeout_OverrideDefaults()
    {
        // Arrange
        var data = JsonNode.Parse("""{"retry": {"max_attempts": 5, "backoff_seconds": 0.5}, "timeout_seconds": 12}""")!.AsObject();

        // Act
        var settings = NodeSettings.For("basic-node", data, new OrchestrationOptions());

        // Assert
        Assert.Equal((5, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(12)), (settings.MaxAttempts, settings.FirstBackoff, settings.Timeout));
    }

    [Fact]
    public void For_TypeTimeoutConfiguredWithUnderscores_UsesTypeTimeout()
    {
        // Arrange
        var options = new OrchestrationOptions();
        options.NodeTimeoutSeconds["http_node"] = 45;

        // Act
        var settings = NodeSettings.For("http-node", [], options);

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(45), settings.Timeout);
    }

    [Fact]
    public void ToTaskOptions_SingleAttempt_ReturnsNoRetryOptions()
    {
        // Arrange
        var data = JsonNode.Parse("""{"retry": {"max_attempts": 1}}""")!.AsObject();
        var settings = NodeSettings.For("basic-node", data, new OrchestrationOptions());

        // Act
        var taskOptions = settings.ToTaskOptions(_ => { });

        // Assert
        Assert.Null(taskOptions);
    }

    [Fact]
    public void ToTaskOptions_SeveralAttempts_CarriesRetryPolicy()
    {
        // Arrange
        var settings = NodeSettings.For("basic-node", [], new OrchestrationOptions());

        // Act
        var policy = settings.ToTaskOptions(_ => { })!.Retry!.Policy!;

        // Assert
        Assert.Equal((3, TimeSpan.FromSeconds(2), 2.0), (policy.MaxNumberOfAttempts, policy.FirstRetryInterval, policy.BackoffCoefficient));
    }
}
