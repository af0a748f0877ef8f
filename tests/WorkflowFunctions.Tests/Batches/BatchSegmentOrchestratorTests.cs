using System.Text.Json;
using Microsoft.DurableTask;
using Moq;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration.Batches;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Orchestration.Replay;

namespace WorkflowFunctions.Tests.Batches;

/// <summary>
/// The batch segment's sliding window over a mocked context: item loads and child runs are completed by the test,
/// so each assertion sees exactly which runs are in flight at that moment.
/// </summary>
public sealed class BatchSegmentOrchestratorTests : IDisposable
{
    private readonly SynchronizationContext? _previous = SynchronizationContext.Current;
    private readonly Mock<TaskOrchestrationContext> _context = new();
    private readonly Dictionary<string, TaskCompletionSource<WorkflowRunResult>> _runs = [];
    private readonly List<string> _started = [];
    private readonly List<BatchItemsQuery> _loads = [];
    private readonly TaskCompletionSource<RunCancellation> _cancel = new();
    private readonly List<(string RunId, string Event, string? Reason)> _sent = [];
    private bool _batchCancelled;
    private Func<BatchItemsQuery, IEnumerable<int>> _loadedItems = query => Enumerable.Range(query.From, query.Count);

    public BatchSegmentOrchestratorTests()
    {
        SynchronizationContext.SetSynchronizationContext(null);
        _context.SetupGet(c => c.CurrentUtcDateTime).Returns(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        _context.Setup(c => c.CallActivityAsync<BatchItemsChunk>(
                It.Is<TaskName>(n => n.Name == FunctionNames.StartBatchItems), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName _, object? input, TaskOptions? _) =>
            {
                var query = (BatchItemsQuery)input!;
                _loads.Add(query);
                var items = _loadedItems(query)
                    .Select(i => new BatchItemInput(i, $"b_1-{i:D5}", JsonSerializer.SerializeToElement(new { n = i })))
                    .ToList();
                return Task.FromResult(new BatchItemsChunk(_batchCancelled ? [] : items, _batchCancelled));
            });
        _context.Setup(c => c.CallSubOrchestratorAsync<WorkflowRunResult>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName _, object? _, TaskOptions? options) =>
            {
                var id = ((SubOrchestrationOptions)options!).InstanceId!;
                var run = new TaskCompletionSource<WorkflowRunResult>();
                _runs[id] = run;
                _started.Add(id);
                return run.Task;
            });
        _context.Setup(c => c.CallActivityAsync<IReadOnlyList<string>?>(
                It.Is<TaskName>(n => n.Name == FunctionNames.RecordRunCompletion), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync((IReadOnlyList<string>?)null);
        _context.Setup(c => c.WaitForExternalEvent<RunCancellation>(RunEvents.Cancel, It.IsAny<CancellationToken>())).Returns(_cancel.Task);
        _context.Setup(c => c.SendEvent(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>()))
            .Callback((string id, string name, object data) => _sent.Add((id, name, (data as RunCancellation)?.Reason)));
    }

    [Fact]
    public void Run_MoreItemsThanConcurrency_StartsOnlyConcurrencyRuns()
    {
        Start(count: 20, concurrency: 3);

        Assert.Equal(["b_1-00000", "b_1-00001", "b_1-00002"], _started);
    }

    [Fact]
    public void Run_OneRunFinishes_StartsExactlyOneMore()
    {
        Start(count: 20, concurrency: 3);

        Finish("b_1-00001");

        Assert.Equal(4, _started.Count);
        Assert.Equal("b_1-00003", _started[^1]);
        Assert.Equal(3, InFlight);
    }

    [Fact]
    public async Task Run_EveryRunFinishes_NeverExceedsConcurrencyAndStartsEachItemOnce()
    {
        var segment = Start(count: 25, concurrency: 4);
        var maxInFlight = InFlight;

        while (_runs.Values.FirstOrDefault(r => !r.Task.IsCompleted) is { } next)
        {
            next.SetResult(new WorkflowRunResult());
            maxInFlight = Math.Max(maxInFlight, InFlight);
        }

        Assert.True(segment.IsCompletedSuccessfully);
        Assert.Equal(4, maxInFlight);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"b_1-{i:D5}"), _started);
        Assert.Equal(new BatchSegmentResult(25, Cancelled: false), await segment);
    }

    [Fact]
    public void Run_FirstLoad_ClaimsTheWindowsSlots()
    {
        Start(count: 100, concurrency: 2);

        Assert.Equal([(0, 10, 2)], _loads.Select(l => (l.From, l.Count, l.Slots)));
    }

    [Fact]
    public void Run_FewerItemsPendingThanTheWindow_LoadsTheNextChunkAheadWithoutClaimingSlots()
    {
        Start(count: 100, concurrency: 4);
        Finish("b_1-00000");
        Finish("b_1-00001");
        Assert.Single(_loads);

        Finish("b_1-00002");

        Assert.Equal([(0, 10, 4), (10, 10, 0)], _loads.Select(l => (l.From, l.Count, l.Slots)));
        Assert.Equal(4, InFlight);
    }

    [Fact]
    public void Run_FirstChunkSmallerThanTheWindow_NextLoadClaimsTheRemainingSlots()
    {
        _loadedItems = query => query.From == 0 ? [0, 3, 7] : Enumerable.Range(query.From, query.Count);

        Start(count: 100, concurrency: 5);

        Assert.Equal([(0, 10, 5), (10, 10, 2)], _loads.Select(l => (l.From, l.Count, l.Slots)));
        Assert.Equal(["b_1-00000", "b_1-00003", "b_1-00007", "b_1-00010", "b_1-00011"], _started);
    }

    [Fact]
    public async Task Run_LoadUnderWay_IsAwaitedBeforeTheSegmentReturns()
    {
        var load = new TaskCompletionSource<BatchItemsChunk>();
        var segment = Start(count: 12, concurrency: 2);
        _context.Setup(c => c.CallActivityAsync<BatchItemsChunk>(
                It.Is<TaskName>(n => n.Name == FunctionNames.StartBatchItems), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns(load.Task);
        for (var i = 0; i < 9; i++)
        {
            Finish($"b_1-{i:D5}");
        }

        _cancel.SetResult(new RunCancellation("stop"));
        Finish("b_1-00009");

        Assert.False(segment.IsCompleted);
        load.SetResult(new BatchItemsChunk([], Cancelled: false));
        Assert.Equal(new BatchSegmentResult(10, Cancelled: true), await segment);
    }

    [Fact]
    public async Task Run_CancelEvent_StartsNothingMoreAndReportsCancelled()
    {
        var segment = Start(count: 20, concurrency: 2);

        _cancel.SetResult(new RunCancellation("stop"));
        Finish("b_1-00000");
        Finish("b_1-00001");

        Assert.Equal(2, _started.Count);
        Assert.True(segment.IsCompletedSuccessfully);
        Assert.True((await segment).Cancelled);
    }

    [Fact]
    public void Run_CancelEvent_PassesTheCancelOnToEveryRunInFlightOnce()
    {
        Start(count: 20, concurrency: 3);
        Finish("b_1-00001");

        _cancel.SetResult(new RunCancellation("stop"));
        Finish("b_1-00000");

        // Items 0, 2 and 3 were in flight; one that can no longer be read by the API (first episode not stored) is among them.
        Assert.Equal([("b_1-00000", RunEvents.Cancel, "stop"), ("b_1-00002", RunEvents.Cancel, "stop"), ("b_1-00003", RunEvents.Cancel, "stop")],
            _sent.OrderBy(s => s.RunId));
    }

    [Fact]
    public void Run_BatchCancelledFoundByTheNextLoad_PassesTheCancelOnToTheRunsInFlight()
    {
        Start(count: 30, concurrency: 5);
        _batchCancelled = true;

        // Item 0 ending starts item 5 and leaves fewer pending than the window: the load ahead reports the cancel.
        Finish("b_1-00000");

        Assert.Equal(["b_1-00001", "b_1-00002", "b_1-00003", "b_1-00004", "b_1-00005"], _sent.Select(s => s.RunId).Order());
        Assert.All(_sent, s => Assert.Equal((RunEvents.Cancel, "The batch was cancelled."), (s.Event, s.Reason)));
    }

    [Fact]
    public async Task Run_BatchCancelledBeforeTheNextLoad_StopsAfterInFlightRunsFinish()
    {
        var segment = Start(count: 30, concurrency: 5);
        _batchCancelled = true;

        while (_runs.Values.FirstOrDefault(r => !r.Task.IsCompleted) is { } next)
        {
            next.SetResult(new WorkflowRunResult());
        }

        // Five from the first load, then one more from the queue before the load ahead reports the cancelled batch.
        Assert.Equal(6, _started.Count);
        Assert.True((await segment).Cancelled);
    }

    [Fact]
    public void Run_ChildRunsCarryTheirBatchIndexAndRunId()
    {
        WorkflowRunRequest? request = null;
        _context.Setup(c => c.CallSubOrchestratorAsync<WorkflowRunResult>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback((TaskName _, object? input, TaskOptions? _) => request ??= (WorkflowRunRequest)((ScheduledInput)input!).Value)
            .Returns(new TaskCompletionSource<WorkflowRunResult>().Task);

        Start(count: 3, concurrency: 1, from: 7);

        Assert.Equal(7, request!.Index!.BatchIndex);
        Assert.Equal("b_1", request.Index.BatchId);
        Assert.Equal("acct", request.AccountId);
    }

    public void Dispose() => SynchronizationContext.SetSynchronizationContext(_previous);

    [Fact]
    public void Run_ItemsFinish_CustomStatusListsThemInTheOrderTheyFinished()
    {
        object? status = null;
        _context.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback((object? s) => status = s);
        Start(count: 10, concurrency: 3, from: 100);

        _runs["b_1-00102"].SetResult(new WorkflowRunResult { Status = RunStatus.Failed });
        Finish("b_1-00100");
        _runs["b_1-00101"].SetResult(new WorkflowRunResult { Status = RunStatus.Cancelled });

        var progress = JsonSerializer.Deserialize<BatchSegmentProgress>(JsonSerializer.Serialize(status))!;
        Assert.Equal((100, "2f,0s,1c"), (progress.From, progress.Finished));
        Assert.Equal([(102, RunStatus.Failed), (100, RunStatus.Succeeded), (101, RunStatus.Cancelled)], progress.Items());
    }

    private int InFlight => _runs.Values.Count(r => !r.Task.IsCompleted);

    private void Finish(string runId) => _runs[runId].SetResult(new WorkflowRunResult { Status = RunStatus.Succeeded });

    private Task<BatchSegmentResult> Start(int count, int concurrency, int from = 0)
    {
        var batch = new BatchRunRequest
        {
            AccountId = "acct",
            BatchId = "b_1",
            WorkflowId = "wf",
            Version = 1,
            Total = from + count,
            Concurrency = concurrency,
        };
        _context.Setup(c => c.GetInput<BatchSegmentRequest>()).Returns(new BatchSegmentRequest
        {
            Batch = batch,
            Definition = JsonSerializer.SerializeToElement(new { }),
            From = from,
            Count = count,
        });
        return BatchSegmentOrchestrator.Run(_context.Object);
    }
}
