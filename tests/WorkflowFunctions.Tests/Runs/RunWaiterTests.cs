using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Moq;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Settings;

namespace WorkflowFunctions.Tests.Runs;

/// <summary>
/// Waiting for a run: a recorded end that carries the result ends the wait at once, before the orchestration has
/// committed its completion; one without a result leaves the wait to the orchestration's own final state. The
/// re-read interval is ten minutes here, so only a signal can end a wait before its timeout.
/// </summary>
public class RunWaiterTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
    private readonly RunCompletionSignals _signals = new(TimeProvider.System);
    private readonly Mock<DurableTaskClient> _client = new("test");
    private readonly RunWaiter _waiter;
    private int _reads;

    public RunWaiterTests()
    {
        _waiter = new RunWaiter(_signals, Options.Create(new ApiOptions { ResultPollIntervalMs = 600_000 }), TimeProvider.System);
    }

    [Fact]
    public async Task WaitAsync_EndRecordedWithItsResult_AnswersWithTheRecordWhileTheOrchestrationStillRuns()
    {
        ReadsAs(_ => OrchestrationRuntimeStatus.Running);
        var recorded = new RecordedRunEnd(Completion("r1", withResult: true), DateTimeOffset.UtcNow);

        var wait = _waiter.WaitAsync(_client.Object, "r1", TimeSpan.FromMinutes(5), getInputsAndOutputs: true, CancellationToken.None);
        await WhenReadAsync(1);
        _signals.Signal("r1", recorded);
        var outcome = await wait.WaitAsync(Guard);

        Assert.True(outcome.Done);
        Assert.Same(recorded, outcome.Recorded);
        Assert.Equal(OrchestrationRuntimeStatus.Running, outcome.Metadata!.RuntimeStatus);
        Assert.Equal(1, _reads);
    }

    [Fact]
    public async Task WaitAsync_EndRecordedWithoutAResult_WaitsForTheOrchestrationToComplete()
    {
        // Running for the first three reads (the one before the signal and two while it finishes), then completed.
        ReadsAs(read => read <= 3 ? OrchestrationRuntimeStatus.Running : OrchestrationRuntimeStatus.Completed);

        var wait = _waiter.WaitAsync(_client.Object, "r1", TimeSpan.FromMinutes(5), getInputsAndOutputs: true, CancellationToken.None);
        await WhenReadAsync(1);
        _signals.Signal("r1", new RecordedRunEnd(Completion("r1", withResult: false), DateTimeOffset.UtcNow));
        var outcome = await wait.WaitAsync(Guard);

        Assert.True(outcome.Done);
        Assert.Null(outcome.Recorded);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, outcome.Metadata!.RuntimeStatus);
        Assert.Equal(4, _reads);
    }

    [Fact]
    public async Task WaitAsync_AnotherRunsEndRecorded_KeepsWaitingUntilTheTimeout()
    {
        ReadsAs(_ => OrchestrationRuntimeStatus.Running);

        var wait = _waiter.WaitAsync(_client.Object, "r1", TimeSpan.FromMilliseconds(300), getInputsAndOutputs: true, CancellationToken.None);
        await WhenReadAsync(1);
        _signals.Signal("r2", new RecordedRunEnd(Completion("r2", withResult: true), DateTimeOffset.UtcNow));
        var outcome = await wait.WaitAsync(Guard);

        Assert.False(outcome.Done);
        Assert.Null(outcome.Recorded);
    }

    [Fact]
    public async Task WaitAsync_SubscribedJustAfterTheRecord_ReadsTheOrchestrationInsteadOfAnsweringWithoutAResult()
    {
        // The note of a recent end keeps no result: a late waiter is woken at once but answers from the orchestration.
        _signals.Signal("r1", new RecordedRunEnd(Completion("r1", withResult: true), DateTimeOffset.UtcNow));
        ReadsAs(read => read <= 1 ? OrchestrationRuntimeStatus.Running : OrchestrationRuntimeStatus.Completed);

        var outcome = await _waiter.WaitAsync(_client.Object, "r1", TimeSpan.FromMinutes(5), getInputsAndOutputs: true, CancellationToken.None)
            .WaitAsync(Guard);

        Assert.True(outcome.Done);
        Assert.Null(outcome.Recorded);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, outcome.Metadata!.RuntimeStatus);
    }

    private void ReadsAs(Func<int, OrchestrationRuntimeStatus> status)
    {
        Task<OrchestrationMetadata?> Read(string id)
        {
            var read = Interlocked.Increment(ref _reads);
            return Task.FromResult<OrchestrationMetadata?>(new OrchestrationMetadata(FunctionNames.WorkflowOrchestrator, id) { RuntimeStatus = status(read) });
        }

        _client.Setup(c => c.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .Returns((string id, bool _, CancellationToken _) => Read(id));
        _client.Setup(c => c.GetInstancesAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .Returns((string id, bool _, CancellationToken _) => Read(id));
    }

    private async Task WhenReadAsync(int reads)
    {
        var until = DateTime.UtcNow + Guard;
        while (Volatile.Read(ref _reads) < reads)
        {
            Assert.True(DateTime.UtcNow < until, "the waiter never read the run");
            await Task.Delay(5);
        }
    }

    private static RunCompletion Completion(string runId, bool withResult) => new()
    {
        AccountId = "a1",
        RunId = runId,
        Status = "succeeded",
        Result = withResult ? new WorkflowRunResult { RunId = runId, Status = RunStatus.Succeeded } : null,
    };
}
