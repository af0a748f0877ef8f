using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Moq;
using WorkflowFunctions.Access;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Serialization;
using WorkflowFunctions.Settings;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.Batches;
using WorkflowFunctions.Storage.Runs;
using WorkflowFunctions.Storage.Slots;
using WorkflowFunctions.Storage.Workflows;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Tests.Runs;

/// <summary>
/// Finding a run without a host: what an id names is checked before any read, the orchestration must be a workflow
/// run of the caller's account, and each place a run's state lives becomes the same snapshot.
/// </summary>
public sealed class RunReaderTests
{
    private static readonly Caller Caller = new("acct", "key_1", ["read"]);
    private readonly Mock<DurableTaskClient> _client = new("test");
    private readonly StorageTables _storage = StorageTables.InMemory();

    [Theory]
    [InlineData("b_0123456789abcdef01234567")]
    [InlineData("b_0123456789abcdef01234567-s00000")]
    [InlineData("garbage")]
    [InlineData("")]
    public async Task FindAsync_IdThatNamesNoRun_NotFoundWithoutReadingAnything(string id)
    {
        var found = await Reader().FindAsync(_client.Object, Caller, id, CancellationToken.None);

        Assert.Equal(FailureKind.NotFound, found.Failure?.Kind);
        _client.Verify(c => c.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task FindAsync_RunIdOfAnotherOrchestrationKind_NotFound()
    {
        var id = Guid.NewGuid().ToString("D");
        Returns(new OrchestrationMetadata(FunctionNames.BatchOrchestrator, id)
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Running,
            SerializedInput = Request("acct"),
        });

        var found = await Reader().FindAsync(_client.Object, Caller, id, CancellationToken.None);

        Assert.Equal(FailureKind.NotFound, found.Failure?.Kind);
    }

    [Fact]
    public async Task FindAsync_AnotherAccountsRun_NotFound()
    {
        var id = Guid.NewGuid().ToString("D");
        Returns(Metadata(id, OrchestrationRuntimeStatus.Running, Request("someone-else")));

        var found = await Reader().FindAsync(_client.Object, Caller, id, CancellationToken.None);

        Assert.Equal(FailureKind.NotFound, found.Failure?.Kind);
    }

    [Fact]
    public async Task FindAsync_CompletedRun_SnapshotFromItsResultWithNodesOutputAndMetrics()
    {
        var id = Guid.NewGuid().ToString("D");
        var result = new WorkflowRunResult
        {
            RunId = id,
            Status = RunStatus.Failed,
            Nodes = new Dictionary<string, NodeRunRecord>
            {
                ["t"] = new() { Id = "t", Type = "trigger-node", Status = NodeStatus.Succeeded },
                ["x"] = new() { Id = "x", Type = "http-node", Status = NodeStatus.Failed, Error = "boom", Attempts = 3 },
            },
            Error = new RunError("x", "Node 'x' failed: boom"),
            Metrics = new RunMetrics { TotalCost = 0.5m, InputTokens = 7 },
        };
        Returns(Metadata(id, OrchestrationRuntimeStatus.Completed, Request("acct"), output: JsonSerializer.Serialize(result, DurablePayloadJson.Options)));

        var run = (await Reader().FindAsync(_client.Object, Caller, id, CancellationToken.None)).Value;

        Assert.Equal((RunStatus.Failed, RunState.Completed, true), (run.Status, run.State, run.IsFinal));
        Assert.Equal(["t", "x"], run.Nodes.Select(n => n.Id));
        Assert.Equal((NodeStatus.Failed, "http-node", "boom", 3), (run.Nodes[1].Status, run.Nodes[1].Type, run.Nodes[1].Error, run.Nodes[1].Attempts));
        Assert.Equal("x", run.Error!.NodeId);
        Assert.Equal(7, run.Metrics.InputTokens);
        Assert.Equal("wf_1", run.WorkflowId);
    }

    [Fact]
    public async Task FindAsync_RunWaitingForApproval_WaitingWithProgressNodeStates()
    {
        var id = Guid.NewGuid().ToString("D");
        var progress = new WorkflowRunProgress
        {
            Status = RunStatus.Waiting,
            Nodes = new Dictionary<string, NodeStatus> { ["t"] = NodeStatus.Succeeded, ["a"] = NodeStatus.Waiting },
        };
        Returns(Metadata(
            id,
            OrchestrationRuntimeStatus.Running,
            Request("acct"),
            customStatus: JsonSerializer.Serialize(progress, DurablePayloadJson.Options)));

        var run = (await Reader().FindAsync(_client.Object, Caller, id, CancellationToken.None)).Value;

        Assert.Equal((RunStatus.Waiting, RunState.Running, false), (run.Status, run.State, run.IsFinal));
        Assert.Equal(NodeStatus.Waiting, run.Nodes.Single(n => n.Id == "a").Status);
    }

    [Fact]
    public async Task FindWithPlanAsync_RunningRun_PlanOfThePinnedDefinitionInPlanOrder()
    {
        // Arrange: the progress knows node states only, in no particular order of its own.
        var id = Guid.NewGuid().ToString("D");
        var progress = new WorkflowRunProgress { Status = RunStatus.Running, Nodes = new Dictionary<string, NodeStatus> { ["t"] = NodeStatus.Succeeded } };
        Returns(Metadata(
            id,
            OrchestrationRuntimeStatus.Running,
            Request("acct", Pipeline),
            customStatus: JsonSerializer.Serialize(progress, DurablePayloadJson.Options)));

        // Act
        var run = (await Reader().FindWithPlanAsync(_client.Object, Caller, id, CancellationToken.None)).Value;
        var plain = (await Reader().FindAsync(_client.Object, Caller, id, CancellationToken.None)).Value;

        // Assert
        Assert.Equal([("t", "trigger-node"), ("csv", "import-csv-node"), ("o", "output-node")], run.Plan!.Select(n => (n.Id, n.Type)));
        Assert.Equal(["csv"], run.Plan![2].Predecessors);
        Assert.Null(plain.Plan);
    }

    [Fact]
    public async Task FindWithPlanAsync_DefinitionThatDoesNotCompile_NoPlan()
    {
        var id = Guid.NewGuid().ToString("D");
        Returns(Metadata(id, OrchestrationRuntimeStatus.Pending, Request("acct")));

        var run = (await Reader().FindWithPlanAsync(_client.Object, Caller, id, CancellationToken.None)).Value;

        Assert.Equal(RunState.Pending, run.State);
        Assert.Null(run.Plan);
    }

    [Fact]
    public async Task WaitWithPlanAsync_RunThatDoesNotFinishInTime_AnswersTheRunWithItsPlan()
    {
        var id = Guid.NewGuid().ToString("D");
        Returns(Metadata(id, OrchestrationRuntimeStatus.Running, Request("acct", Pipeline)));

        var run = (await Reader().WaitWithPlanAsync(_client.Object, Caller, id, TimeSpan.FromMilliseconds(30), CancellationToken.None)).Value;

        Assert.Equal(RunStatus.Running, run.Status);
        Assert.Equal(["t", "csv", "o"], run.Plan!.Select(n => n.Id));
    }

    [Fact]
    public async Task FindAsync_TerminatedRun_CancelledWithTheReason()
    {
        var id = Guid.NewGuid().ToString("D");
        Returns(Metadata(id, OrchestrationRuntimeStatus.Terminated, Request("acct"), output: "stop now"));

        var run = (await Reader().FindAsync(_client.Object, Caller, id, CancellationToken.None)).Value;

        Assert.Equal((RunStatus.Cancelled, RunState.Terminated), (run.Status, run.State));
        Assert.Equal("stop now", run.Error!.Message);
    }

    [Fact]
    public async Task FindAsync_BatchItemNotStarted_SnapshotFromItsIndexRow()
    {
        var items = new BatchItems(_storage, new RunHistory(_storage));
        await items.AddAsync("acct", "b_0123456789abcdef01234567", "wf_1", 1, DateTimeOffset.UtcNow, ["{}"], CancellationToken.None);
        var id = RunIds.BatchItem("b_0123456789abcdef01234567", 0);

        var run = (await Reader().FindAsync(_client.Object, Caller, id, CancellationToken.None)).Value;
        var theirs = await Reader().FindAsync(_client.Object, Caller with { AccountId = "other" }, id, CancellationToken.None);

        Assert.Equal((RunStatus.Queued, RunState.NotStarted), (run.Status, run.State));
        Assert.Equal(0, run.BatchIndex);
        Assert.Equal(FailureKind.NotFound, theirs.Failure?.Kind);
    }

    [Fact]
    public async Task FindAsync_BatchItemEndedBeforeItsOrchestrationIsStored_NotFinalUntilTheOrchestrationCanBeRead()
    {
        // The Azure Storage backend sends an episode's messages (the activity recording the run's end) before it stores
        // the episode, and a sub-orchestration has no instance row before its first episode is stored.
        var id = await EndedItemAsync(RunStatuses.Succeeded, DateTimeOffset.UtcNow);

        var early = (await Reader().FindAsync(_client.Object, Caller, id, CancellationToken.None)).Value;
        Returns(CompletedWithOutput(id, "done"));
        var stored = (await Reader().FindAsync(_client.Object, Caller, id, CancellationToken.None)).Value;

        Assert.Equal((RunStatus.Running, false, null), (early.Status, early.IsFinal, early.FinishedAt));
        Assert.Equal((RunStatus.Succeeded, RunState.Completed), (stored.Status, stored.State));
        Assert.Equal("done", stored.Result!.Output!.GetValue<string>());
    }

    [Fact]
    public async Task WaitAsync_BatchItemEndedBeforeItsOrchestrationIsStored_AnswersWithTheResultOnceStored()
    {
        var id = await EndedItemAsync(RunStatuses.Succeeded, DateTimeOffset.UtcNow);
        var completed = CompletedWithOutput(id, "done");
        var reads = 0;
        _client.Setup(c => c.GetInstanceAsync(id, It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => ++reads < 3 ? null : completed);

        var run = (await Reader().WaitAsync(_client.Object, Caller, id, TimeSpan.FromSeconds(30), CancellationToken.None)).Value;

        Assert.Equal((RunStatus.Succeeded, RunState.Completed), (run.Status, run.State));
        Assert.Equal("done", run.Result!.Output!.GetValue<string>());
    }

    [Theory]
    [InlineData(RunStatuses.Cancelled, 0)]
    [InlineData(RunStatuses.Failed, 11)]
    public async Task FindAsync_BatchItemClosedWithoutARunOrLongAgo_TheRowAsRecorded(string status, int minutesAgo)
    {
        var id = await EndedItemAsync(status, DateTimeOffset.UtcNow.AddMinutes(-minutesAgo));

        var run = (await Reader().FindAsync(_client.Object, Caller, id, CancellationToken.None)).Value;

        Assert.Equal((RunStatuses.Parse(status), true, RunState.NotStarted), (run.Status, run.IsFinal, run.State));
        Assert.Equal("why", run.Error!.Message);
    }

    [Fact]
    public async Task ListAsync_QueuedRowWithoutOrchestrationPastTheGrace_IsClosedAsFailedAndStaysSo()
    {
        var index = new RunHistory(_storage);
        var phantom = new RunRecord
        {
            AccountId = "acct", RunId = Guid.NewGuid().ToString("D"), Status = RunStatuses.Queued, CreatedAt = DateTimeOffset.UtcNow.AddHours(-1),
        };
        var recent = phantom with { RunId = Guid.NewGuid().ToString("D"), CreatedAt = DateTimeOffset.UtcNow };
        await index.RecordQueuedAsync(phantom, CancellationToken.None);
        await index.RecordQueuedAsync(recent, CancellationToken.None);

        var listed = await Reader().ListAsync(_client.Object, Caller, new RunQuery(), CancellationToken.None);
        var failed = await index.ListAsync("acct", new RunQuery { Status = RunStatuses.Failed }, CancellationToken.None);
        var active = await index.ListAsync("acct", new RunQuery { Status = RunStatuses.Queued }, CancellationToken.None);

        Assert.Equal(RunStatus.Failed, listed.Items.Single(r => r.Record.RunId == phantom.RunId).Status);
        Assert.Equal(RunStatus.Queued, listed.Items.Single(r => r.Record.RunId == recent.RunId).Status);
        Assert.Equal(RunReader.NeverScheduled, Assert.Single(failed.Items).Error);
        Assert.Equal(recent.RunId, Assert.Single(active.Items).RunId);
    }

    [Fact]
    public void RequestHeader_LargeDefinitionAndInput_ReadsTheSmallMembersOnly()
    {
        var request = WorkflowRunRequest.TopLevel(
            "acct",
            "wf_9",
            4,
            JsonSerializer.SerializeToElement(new { nodes = new string('x', 100_000) }),
            new System.Text.Json.Nodes.JsonObject(),
            null,
            DateTimeOffset.UnixEpoch);

        var header = RunRequestHeader.Read(JsonSerializer.Serialize(request, DurablePayloadJson.Options));

        Assert.Equal(("acct", "wf_9", 4), (header!.AccountId, header.WorkflowId, header.Version));
        Assert.Equal(DateTimeOffset.UnixEpoch, header.Index!.CreatedAt);
        Assert.Null(RunRequestHeader.Read("""{"account_id":"acct","batch_id":"b_1"}"""));
    }

    private const string Pipeline = """
        {"start_node":"t","nodes":[{"id":"o","type":"output-node","data":{}},{"id":"csv","type":"import-csv-node","data":{"text":"a\n1"}},
          {"id":"t","type":"trigger-node","data":{}}],
         "edges":[{"source":"t","target":"csv"},{"source":"csv","target":"o"}]}
        """;

    private static string Request(string account, string definition = """{"nodes":[]}""") =>
        JsonSerializer.Serialize(
            WorkflowRunRequest.TopLevel(
                account,
                "wf_1",
                1,
                JsonDocument.Parse(definition).RootElement.Clone(),
                new System.Text.Json.Nodes.JsonObject(),
                null,
                DateTimeOffset.UtcNow),
            DurablePayloadJson.Options);

    private static OrchestrationMetadata Metadata(
        string id, OrchestrationRuntimeStatus status, string input, string? output = null, string? customStatus = null) =>
        new(FunctionNames.WorkflowOrchestrator, id)
        {
            RuntimeStatus = status,
            SerializedInput = input,
            SerializedOutput = output,
            SerializedCustomStatus = customStatus,
            DataConverter = DurablePayloadJson.Converter,
        };

    private void Returns(OrchestrationMetadata metadata) =>
        _client.Setup(c => c.GetInstanceAsync(metadata.InstanceId, It.IsAny<bool>(), It.IsAny<CancellationToken>())).ReturnsAsync(metadata);

    // The orchestration of a run of the caller's account that succeeded with this output.
    private static OrchestrationMetadata CompletedWithOutput(string id, string output)
    {
        var result = new WorkflowRunResult { RunId = id, Status = RunStatus.Succeeded, Output = System.Text.Json.Nodes.JsonValue.Create(output) };
        return Metadata(id, OrchestrationRuntimeStatus.Completed, Request("acct"), output: JsonSerializer.Serialize(result, DurablePayloadJson.Options));
    }

    // A batch item whose row records its end, with no orchestration the client can read.
    private async Task<string> EndedItemAsync(string status, DateTimeOffset at)
    {
        var items = new BatchItems(_storage, new RunHistory(_storage));
        await items.AddAsync("acct", "b_0123456789abcdef01234567", "wf_1", 1, at, ["{}"], CancellationToken.None);
        var row = await items.FindAsync("acct", "b_0123456789abcdef01234567", 0, CancellationToken.None);
        await items.RecordCompletedAsync(row! with { Status = status, StartedAt = at, CompletedAt = at, Error = "why" }, CancellationToken.None);
        return RunIds.BatchItem("b_0123456789abcdef01234567", 0);
    }

    private RunReader Reader()
    {
        var api = Options.Create(new ApiOptions());
        var workflows = new WorkflowReader(new WorkflowRepository(_storage, TimeProvider.System), new DefinitionCache(8));
        return new RunReader(
            new RunHistory(_storage),
            new BatchItems(_storage, new RunHistory(_storage)),
            new RunWaiter(new RunCompletionSignals(TimeProvider.System), api, TimeProvider.System),
            workflows,
            _storage,
            TimeProvider.System,
            api,
            Options.Create(new TableOptions()),
            new RunSlots(_storage, TimeProvider.System));
    }
}
