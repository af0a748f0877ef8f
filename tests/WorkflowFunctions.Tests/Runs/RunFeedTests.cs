using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Runs;

namespace WorkflowFunctions.Tests.Runs;

public sealed class RunFeedTests
{
    private static readonly DateTimeOffset Created = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Started = Created.AddSeconds(1);

    [Fact]
    public void Events_RunningWithANumberMissing_StopsBeforeTheGap()
    {
        // Event 4 belongs to a node whose timeline the progress left out.
        var run = Running(seq: 5, Node("a", NodeStatus.Succeeded, new NodeTimeline { Start = new EventMark(3, 10), End = new EventMark(5, 20) }));

        var events = RunFeed.Events(run);

        Assert.Equal([1, 2, 3], events.Select(e => e.Seq));
        Assert.Equal([RunEventType.RunQueued, RunEventType.RunStarted, RunEventType.NodeStarted], events.Select(e => e.Type));
        Assert.Equal(Started.AddMilliseconds(10), events[^1].At);
    }

    [Fact]
    public void Events_Terminated_CancelsNodesThatHadStartedThenEndsCancelled()
    {
        var run = Running(
            seq: 5,
            Node("done", NodeStatus.Succeeded, new NodeTimeline { Start = new EventMark(3, 10), End = new EventMark(4, 20) }),
            Node("gate", NodeStatus.Waiting, new NodeTimeline { Start = new EventMark(5, 20) }),
            Node("never", NodeStatus.Queued, null)) with
        {
            State = RunState.Terminated,
            Status = RunStatus.Cancelled,
            CompletedAt = Started.AddMinutes(1),
            Error = new RunError(null, "stop"),
        };

        var events = RunFeed.Events(run);

        Assert.Equal(Enumerable.Range(1, 7), events.Select(e => e.Seq));
        Assert.Equal((RunEventType.NodeCancelled, "gate", "stop"), (events[5].Type, events[5].NodeId, events[5].Error));
        Assert.Equal((RunEventType.RunCancelled, Started.AddMinutes(1)), (events[6].Type, events[6].At));
        Assert.Null(events[6].Metrics);
        Assert.DoesNotContain(events, e => e.NodeId == "never");
    }

    [Fact]
    public void Events_BatchItemCancelledBeforeItStarted_QueuedThenCancelled()
    {
        var run = new RunSnapshot
        {
            Id = "b_1-00003", AccountId = "acct", Status = RunStatus.Cancelled, State = RunState.NotStarted, CreatedAt = Created, CompletedAt = Started,
            BatchId = "b_1", BatchIndex = 3, Seq = RunEventNumbers.Started,
        };

        var events = RunFeed.Events(run);

        Assert.Equal([RunEventType.RunQueued, RunEventType.RunCancelled], events.Select(e => e.Type));
        Assert.Equal((3, "b_1"), (events[0].BatchIndex!.Value, events[0].BatchId));
    }

    [Fact]
    public void Events_ResultTheProgressLeftOut_TakenFromWhatTheReaderSawBefore()
    {
        var run = Running(seq: 4, Node("a", NodeStatus.Succeeded, new NodeTimeline { Start = new EventMark(3, 10), End = new EventMark(4, 20) }));

        var unknown = RunFeed.Events(run)[^1];
        var known = RunFeed.Events(run, id => id == "a" ? new System.Text.Json.Nodes.JsonObject { ["content"] = "seen" } : null)[^1];

        Assert.Equal((RunEventType.NodeSucceeded, false), (unknown.Type, unknown.ResultAvailable));
        Assert.Equal("seen", (string?)known.Result!["content"]);
    }

    private static RunSnapshot Running(int seq, params NodeSnapshot[] nodes) => new()
    {
        Id = "r", AccountId = "acct", Status = RunStatus.Running, State = RunState.Running, CreatedAt = Created, StartedAt = Started, Nodes = nodes, Seq = seq,
    };

    private static NodeSnapshot Node(string id, NodeStatus status, NodeTimeline? timeline) => new(id, status)
    {
        Type = "basic-node",
        Timeline = timeline,
        StartedAt = timeline?.Start?.At(Started),
    };
}
