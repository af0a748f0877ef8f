using WorkflowFunctions.Api.Dialects.Scout;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Runs;

namespace WorkflowFunctions.Tests.Api.Dialects.Scout;

/// <summary>The run feed's events and statuses in reference 002's words, as docs/dialects/scout.md tables them.</summary>
public class ScoutEventsTests
{
    [Theory]
    [InlineData(RunEventType.RunQueued, "workflow_run_started")]
    [InlineData(RunEventType.RunStarted, null)]
    [InlineData(RunEventType.NodeStarted, "block_run_started")]
    [InlineData(RunEventType.NodeWaiting, null)]
    [InlineData(RunEventType.NodeRetrying, null)]
    [InlineData(RunEventType.NodeSucceeded, "block_run_completed")]
    [InlineData(RunEventType.NodeFailed, "block_run_failed")]
    [InlineData(RunEventType.NodeSkipped, null)]
    [InlineData(RunEventType.NodeCancelled, "block_run_failed")]
    [InlineData(RunEventType.RunOutput, null)]
    [InlineData(RunEventType.RunSucceeded, "workflow_run_completed")]
    [InlineData(RunEventType.RunFailed, "workflow_run_failed")]
    [InlineData(RunEventType.RunCancelled, "workflow_run_failed")]
    public void NameOf_EveryFeedEvent_TheDocumentsNameOrNone(RunEventType type, string? name) => Assert.Equal(name, ScoutEvents.NameOf(type));

    [Fact]
    public void NameOf_EveryFeedEventType_IsMapped() =>
        Assert.All(Enum.GetValues<RunEventType>(), t => _ = ScoutEvents.NameOf(t));

    [Theory]
    [InlineData(RunStatus.Succeeded, "workflow_run_completed")]
    [InlineData(RunStatus.Failed, "workflow_run_failed")]
    [InlineData(RunStatus.Cancelled, "workflow_run_failed")]
    public void Final_EndedRun_CompletedOnlyWhenItSucceeded(RunStatus status, string name) => Assert.Equal(name, ScoutEvents.Final(status));

    [Theory]
    [InlineData("0", "0.00")]
    [InlineData("1.1", "1.10")]
    [InlineData("0.0032", "0.00")]
    [InlineData("0.005", "0.01")]
    [InlineData("12.345", "12.35")]
    public void PriceText_TwoDecimalsAsText(string price, string text) =>
        Assert.Equal(text, ScoutMapper.PriceText(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)));
}
