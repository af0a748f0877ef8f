using System.Text.Json.Nodes;
using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using WorkflowFunctions.Access;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Settings;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.Batches;
using WorkflowFunctions.Storage.Payloads;
using WorkflowFunctions.Storage.Runs;
using WorkflowFunctions.Storage.Slots;
using WorkflowFunctions.Storage.Tables;
using WorkflowFunctions.Storage.Workflows;
using WorkflowFunctions.Tests.Fixtures;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Tests.Runs;

/// <summary>
/// Starting a run: the orchestration is scheduled first and recorded in the history after (without the answer
/// waiting for it), so a crash or a refusal in between never leaves a history row for a run that does not exist.
/// </summary>
public sealed class RunCommandsTests : IAsyncDisposable
{
    private static readonly Caller Caller = new("acct", "key_1", ["run"]);
    private readonly HeldWritesTableStore _runs = new(new InMemoryTableStore());
    private readonly StorageTables _storage;
    private readonly RunHistory _history;
    private readonly Mock<DurableTaskClient> _client = new("test");

    public RunCommandsTests()
    {
        _storage = new StorageTables("memory", name => name == "runs" ? _runs : new InMemoryTableStore(), new InMemoryPayloadStore(), new StorageOptions());
        _history = new RunHistory(_storage);
    }

    public ValueTask DisposeAsync() => _history.DisposeAsync();

    [Fact]
    public async Task StartAdHocAsync_Scheduled_ReturnsAHyphenatedUuidRunScheduledUnderThatIdAndRecordedQueued()
    {
        var started = await StartAsync();

        Assert.True(started.Succeeded);
        Assert.True(Guid.TryParseExact(started.Value.RunId, "D", out _));
        _client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(
            It.IsAny<TaskName>(),
            It.IsAny<object?>(),
            It.Is<StartOrchestrationOptions?>(o => o!.InstanceId == started.Value.RunId),
            It.IsAny<CancellationToken>()));
        var queued = await History().ListAsync(Caller.AccountId, new RunQuery { Status = RunStatuses.Queued }, CancellationToken.None);
        Assert.Equal(started.Value.RunId, Assert.Single(queued.Items).RunId);
    }

    [Fact]
    public async Task StartAdHocAsync_HistoryWriteHeld_AnswersWithoutItAndAListingWaitsForIt()
    {
        _runs.Hold();

        var started = await StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var listing = History().ListAsync(Caller.AccountId, new RunQuery(), CancellationToken.None);

        Assert.True(started.Succeeded);
        Assert.False(listing.IsCompleted);
        _runs.Release();
        Assert.Equal(started.Value.RunId, Assert.Single((await listing).Items).RunId);
    }

    [Fact]
    public async Task StartAdHocAsync_EngineRefusesTheMessageSize_FailsAsTooLargeAndRecordsNothing()
    {
        SchedulingThrows(new RpcException(new Status(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size.")));

        var started = await StartAsync();
        var history = await History().ListAsync(Caller.AccountId, new RunQuery(), CancellationToken.None);

        Assert.Equal(FailureKind.TooLarge, started.Failure?.Kind);
        Assert.Contains("too large", started.Failure!.Message, StringComparison.Ordinal);
        Assert.Empty(history.Items);
    }

    [Fact]
    public async Task StartAdHocAsync_OtherSchedulingFailure_ThrowsAndRecordsNothing()
    {
        SchedulingThrows(new RpcException(new Status(StatusCode.Unavailable, "sidecar down")));

        await Assert.ThrowsAsync<RpcException>(StartAsync);
        var history = await History().ListAsync(Caller.AccountId, new RunQuery(), CancellationToken.None);

        Assert.Empty(history.Items);
    }

    [Fact]
    public async Task StartAdHocAsync_DraftDefinition_FailsWithItsFindingsAndSchedulesNothing()
    {
        var draft = System.Text.Json.JsonSerializer.SerializeToElement(new { nodes = Array.Empty<object>() });

        var started = await Commands().StartAdHocAsync(_client.Object, Caller, draft, null, null, CancellationToken.None);

        Assert.Equal(FailureKind.InvalidDefinition, started.Failure?.Kind);
        Assert.NotEmpty(started.Failure!.Findings);
        _client.Verify(
            c => c.ScheduleNewOrchestrationInstanceAsync(
                It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()),
            Times.Never);
    }

    [Theory]
    [InlineData(900, 86_400, 900, 900)]
    [InlineData(3_600, 86_400, 900, 900)]
    [InlineData(300, 86_400, 900, 300)]
    [InlineData(3_600, 600, 900, 600)]
    public void TimeoutCappedAt_TheDefaultAndTheCap_IsTheShortest(int defaultSeconds, int maxSeconds, int cap, int expected)
    {
        var commands = Commands(new OrchestrationOptions { DefaultRunTimeoutSeconds = defaultSeconds, MaxRunTimeoutSeconds = maxSeconds });

        Assert.Equal(expected, commands.TimeoutCappedAt(cap));
    }

    private RunHistory History() => _history;

    private void SchedulingThrows(Exception exception) =>
        _client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(
                    It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(exception);

    private RunCommands Commands(OrchestrationOptions? orchestration = null)
    {
        var api = Options.Create(new ApiOptions());
        var workflows = new WorkflowReader(new WorkflowRepository(_storage, TimeProvider.System), new DefinitionCache(8));
        var signals = new RunCompletionSignals(TimeProvider.System);
        var reader = new RunReader(
            History(),
            new BatchItems(_storage, History()),
            new RunWaiter(signals, api, TimeProvider.System),
            workflows,
            _storage,
            TimeProvider.System,
            api,
            Options.Create(new TableOptions()),
            new RunSlots(_storage, TimeProvider.System));
        return new RunCommands(
            workflows,
            reader,
            History(),
            new RunSlots(_storage, TimeProvider.System),
            signals,
            new RunChangeSignals(),
            TimeProvider.System,
            Options.Create(orchestration ?? new OrchestrationOptions()),
            Options.Create(new ConcurrencyOptions()),
            api,
            NullLogger<RunCommands>.Instance);
    }

    private Task<Outcome<StartedRun>> StartAsync()
    {
        var definition = new GraphBuilder().Trigger("t").Build();
        return Commands().StartAdHocAsync(_client.Object, Caller, definition, new JsonObject(), null, CancellationToken.None);
    }
}
