using WorkflowFunctions.Storage.Batches;
using WorkflowFunctions.Storage.Runs;
using WorkflowFunctions.Storage.Tests.Backends;

namespace WorkflowFunctions.Storage.Tests.Runs;

/// <summary>Recording runs and listing them with each filter of the run history, on both backends.</summary>
public abstract class RunHistoryTests(IStorageBackend backend) : StorageTests(backend)
{
    private readonly string _account = NewAccount();

    private RunHistory History => new(Storage);

    private BatchItems Items => new(Storage, History);

    [Fact]
    public async Task RecordQueuedAsync_NewRun_ListsItAsActive()
    {
        await History.RecordQueuedAsync(Run("r1", 1), default);

        var running = await ListAsync(new RunQuery { Status = RunStatuses.Running });

        Assert.Equal(["r1"], running);
    }

    [Fact]
    public async Task RecordCompletedAsync_AfterQueued_MovesRunFromActiveToFinalStatus()
    {
        var run = Run("r1", 1, "wf_a");
        await History.RecordQueuedAsync(run, default);

        await History.RecordCompletedAsync(Completed(run, RunStatuses.Succeeded), default);

        Assert.Empty(await ListAsync(new RunQuery { Status = RunStatuses.Queued }));
        Assert.Equal(["r1"], await ListAsync(new RunQuery { Status = RunStatuses.Succeeded }));
        var stored = (await History.ListAsync(_account, new RunQuery { WorkflowId = "wf_a" }, default)).Items.Single();
        Assert.Equal((RunStatuses.Succeeded, Start.AddMinutes(2), 60_000L, 0.25m), (stored.Status, stored.CompletedAt, stored.DurationMs, stored.TotalCost));
    }

    [Fact]
    public async Task RecordQueuedAsync_AfterCompleted_KeepsTheFinalState()
    {
        var run = Run("r1", 1, "wf_a");
        await History.RecordQueuedAsync(run, default);
        await History.RecordCompletedAsync(Completed(run, RunStatuses.Failed), default);

        await History.RecordQueuedAsync(run, default);

        Assert.Equal(RunStatuses.Failed, (await History.ListAsync(_account, new RunQuery(), default)).Items.Single().Status);
        Assert.Equal(RunStatuses.Failed, (await History.ListAsync(_account, new RunQuery { WorkflowId = "wf_a" }, default)).Items.Single().Status);
        Assert.Empty(await ListAsync(new RunQuery { Status = RunStatuses.Running }));
        Assert.Equal(["r1"], await ListAsync(new RunQuery { Status = RunStatuses.Failed }));
    }

    [Fact]
    public async Task RecordQueuedAsync_RacingCompletion_NeverLeavesAnEndedRunActive()
    {
        var runs = Enumerable.Range(0, 20).Select(i => Run($"r{i:D2}", i)).ToList();

        await Task.WhenAll(runs.SelectMany(r => new[]
        {
            Task.Run(() => History.RecordQueuedAsync(r, default)),
            Task.Run(() => History.RecordCompletedAsync(Completed(r, RunStatuses.Succeeded), default)),
        }));

        Assert.Empty(await ListAsync(new RunQuery { Status = RunStatuses.Running }));
        Assert.All((await History.ListAsync(_account, new RunQuery(), default)).Items, r => Assert.Equal(RunStatuses.Succeeded, r.Status));
    }

    [Fact]
    public async Task RecordQueuedAsync_ManyRunsOfTwoAccountsSomeEnded_RecordsTheRestActiveInEveryPartition()
    {
        var other = NewAccount();
        var runs = Enumerable.Range(0, 250)
            .Select(i => Run($"r{i:D3}", 0, i % 2 == 0 ? "wf_a" : null) with { AccountId = i % 5 == 0 ? other : _account, CreatedAt = Start.AddSeconds(i) })
            .ToList();
        var ended = runs.Where((_, i) => i % 7 == 0).ToList();
        await Task.WhenAll(ended.Select(r => History.RecordCompletedAsync(Completed(r, RunStatuses.Failed), default)));

        await History.RecordQueuedAsync(runs, default);

        foreach (var account in new[] { _account, other })
        {
            var mine = runs.Where(r => r.AccountId == account).ToList();
            var stillActive = mine.Except(ended).Select(r => r.RunId).Order().ToList();
            Assert.Equal(mine.Select(r => r.RunId).Order(), await IdsAsync(account, new RunQuery()));
            Assert.Equal(mine.Where(r => r.WorkflowId == "wf_a").Select(r => r.RunId).Order(), await IdsAsync(account, new RunQuery { WorkflowId = "wf_a" }));
            Assert.Equal(stillActive, await IdsAsync(account, new RunQuery { Status = RunStatuses.Running }));
            Assert.Equal(mine.Intersect(ended).Select(r => r.RunId).Order(), await IdsAsync(account, new RunQuery { Status = RunStatuses.Failed }));
        }
    }

    [Fact]
    public async Task RecordCompletedAsync_ManyRunsSomeNeverQueuedAndSubRuns_EveryRowFinalAndNoneActive()
    {
        var runs = Enumerable.Range(0, 230).Select(i => Run($"r{i:D3}", 0, "wf_a") with { CreatedAt = Start.AddSeconds(i) }).ToList();
        var subRuns = Enumerable.Range(0, 5).Select(i => Run($"s{i}", 0) with { ParentRunId = "r000", CreatedAt = Start.AddSeconds(i) }).ToList();
        await History.RecordQueuedAsync(runs.Where((_, i) => i % 4 != 0).ToList(), default);

        var completed = runs.Select(r => Completed(r, RunStatuses.Succeeded)).Concat(subRuns.Select(r => Completed(r, RunStatuses.Failed)));

        await History.RecordCompletedAsync([.. completed], default);

        var all = runs.Select(r => r.RunId).Order().ToList();
        Assert.Empty(await IdsAsync(_account, new RunQuery { Status = RunStatuses.Running }));
        Assert.Equal(all, await IdsAsync(_account, new RunQuery()));
        Assert.Equal(all, await IdsAsync(_account, new RunQuery { WorkflowId = "wf_a", Status = RunStatuses.Succeeded }));
        Assert.Equal(all, await IdsAsync(_account, new RunQuery { Status = RunStatuses.Succeeded }));
        Assert.Equal(subRuns.Select(r => r.RunId), await IdsAsync(_account, new RunQuery { ParentRunId = "r000", Status = RunStatuses.Failed }));
    }

    [Fact]
    public async Task RecordQueuedAsync_NotAwaited_ListAsyncOfTheSameHistoryWaitsForIt()
    {
        await using var history = new RunHistory(Storage);
        var recorded = Enumerable.Range(0, 20).Select(i => history.RecordQueuedAsync(Run($"r{i:D2}", i), default)).ToList();

        var listed = await history.ListAsync(_account, new RunQuery(), default);

        Assert.Equal(20, listed.Items.Count);
        await Task.WhenAll(recorded);
    }

    [Fact]
    public async Task RecordQueuedAsync_Twice_RecordsTheRunOnce()
    {
        await History.RecordQueuedAsync(Run("r1", 1), default);

        await History.RecordQueuedAsync(Run("r1", 1), default);

        Assert.Equal(["r1"], await ListAsync(new RunQuery()));
    }

    [Fact]
    public async Task ListAsync_NoFilters_ReturnsNewestFirst()
    {
        await SeedAsync();

        var all = await ListAsync(new RunQuery());

        Assert.Equal(["r6", "r5", "r4", "r3", "r2", "r1"], all);
    }

    [Fact]
    public async Task ListAsync_WorkflowFilter_ReturnsThatWorkflowsRuns()
    {
        await SeedAsync();

        var runs = await ListAsync(new RunQuery { WorkflowId = "wf_a" });

        Assert.Equal(["r6", "r2", "r1"], runs);
    }

    [Theory]
    [InlineData(RunStatuses.Succeeded, new[] { "r6", "r1" })]
    [InlineData(RunStatuses.Failed, new[] { "r3" })]
    [InlineData(RunStatuses.Cancelled, new[] { "r5" })]
    [InlineData(RunStatuses.Queued, new[] { "r4", "r2" })]
    [InlineData(RunStatuses.Running, new[] { "r4", "r2" })]
    [InlineData(RunStatuses.Waiting, new[] { "r4", "r2" })]
    public async Task ListAsync_StatusFilter_ReturnsRunsInThatStatus(string status, string[] expected)
    {
        await SeedAsync();

        var runs = await ListAsync(new RunQuery { Status = status });

        Assert.Equal(expected, runs);
    }

    [Theory]
    [InlineData(RunStatuses.Succeeded, new[] { "r6", "r1" })]
    [InlineData(RunStatuses.Running, new[] { "r2" })]
    [InlineData(RunStatuses.Failed, new string[0])]
    public async Task ListAsync_WorkflowAndStatusFilter_ReturnsBoth(string status, string[] expected)
    {
        await SeedAsync();

        var runs = await ListAsync(new RunQuery { WorkflowId = "wf_a", Status = status });

        Assert.Equal(expected, runs);
    }

    [Fact]
    public async Task ListAsync_CreatedAfter_ExcludesTheBoundItself()
    {
        await SeedAsync();

        var runs = await ListAsync(new RunQuery { CreatedAfter = Start.AddMinutes(4) });

        Assert.Equal(["r6", "r5"], runs);
    }

    [Fact]
    public async Task ListAsync_CreatedBefore_ExcludesTheBoundItself()
    {
        await SeedAsync();

        var runs = await ListAsync(new RunQuery { CreatedBefore = Start.AddMinutes(3) });

        Assert.Equal(["r2", "r1"], runs);
    }

    [Fact]
    public async Task ListAsync_CreatedRangeWithStatus_ReturnsRunsMatchingAll()
    {
        await SeedAsync();

        var runs = await ListAsync(
            new RunQuery { CreatedAfter = Start.AddMinutes(1), CreatedBefore = Start.AddMinutes(6).AddSeconds(1), Status = RunStatuses.Succeeded });

        Assert.Equal(["r6"], runs);
    }

    [Fact]
    public async Task ListAsync_WorkflowAndCreatedRange_ReturnsRunsMatchingBoth()
    {
        await SeedAsync();

        var runs = await ListAsync(new RunQuery { WorkflowId = "wf_a", CreatedAfter = Start.AddSeconds(30), CreatedBefore = Start.AddMinutes(5) });

        Assert.Equal(["r2", "r1"], runs);
    }

    [Fact]
    public async Task ListAsync_BatchFilter_ReturnsOnlyThatBatchsItemsInIndexOrder()
    {
        await SeedAsync();
        await Items.AddAsync(_account, "b_one", "wf_a", 1, Start, ["{}", "{}", "{}"], default);
        await Items.AddAsync(_account, "b_two", "wf_a", 1, Start, ["{}"], default);

        var runs = await ListAsync(new RunQuery { BatchId = "b_one" });

        Assert.Equal([BatchItems.RunId("b_one", 0), BatchItems.RunId("b_one", 1), BatchItems.RunId("b_one", 2)], runs);
    }

    [Fact]
    public async Task ListAsync_BatchAndStatusFilter_ReturnsItemsInThatStatus()
    {
        await Items.AddAsync(_account, "b_one", "wf_a", 1, Start, ["{}", "{}", "{}"], default);
        var item = Run(BatchItems.RunId("b_one", 1), 0, "wf_a") with { BatchId = "b_one", BatchIndex = 1 };
        await Items.RecordCompletedAsync(Completed(item, RunStatuses.Succeeded), default);

        var succeeded = await ListAsync(new RunQuery { BatchId = "b_one", Status = RunStatuses.Succeeded });
        var pending = await ListAsync(new RunQuery { BatchId = "b_one", Status = RunStatuses.Queued });

        Assert.Equal([item.RunId], succeeded);
        Assert.Equal([BatchItems.RunId("b_one", 0), BatchItems.RunId("b_one", 2)], pending);
    }

    [Fact]
    public async Task ListAsync_OtherAccount_SeesNone()
    {
        await SeedAsync();

        var page = await History.ListAsync(NewAccount(), new RunQuery(), default);

        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task ListAsync_Run_ReturnsEveryRecordedField()
    {
        var run = Run("r1", 1, "wf_a") with { Version = 3, StartedAt = Start.AddMinutes(1).AddSeconds(5) };
        await History.RecordQueuedAsync(run, default);
        var completed = Completed(run, RunStatuses.Failed) with { Error = new string('e', 1500) };

        await History.RecordCompletedAsync(completed, default);

        var stored = (await History.ListAsync(_account, new RunQuery(), default)).Items.Single();
        Assert.Equal(completed with { Error = new string('e', 1000) }, stored);
    }

    internal RunRecord Run(string id, int minute, string? workflow = null) => new()
    {
        AccountId = _account,
        RunId = id,
        WorkflowId = workflow,
        Status = RunStatuses.Queued,
        CreatedAt = Start.AddMinutes(minute),
    };

    internal static RunRecord Completed(RunRecord run, string status) =>
        run with { Status = status, CompletedAt = Start.AddMinutes(2), DurationMs = 60_000, TotalCost = 0.25m };

    // Every run of the query, in run-id order, across pages.
    private async Task<List<string>> IdsAsync(string account, RunQuery query)
    {
        var ids = new List<string>();
        for (string? after = null; ;)
        {
            var page = await History.ListAsync(account, query with { After = after, Limit = 100 }, default);
            ids.AddRange(page.Items.Select(r => r.RunId));
            if ((after = page.Next) is null)
            {
                return [.. ids.Order()];
            }
        }
    }

    private async Task<List<string>> ListAsync(RunQuery query)
    {
        var page = query.BatchId is { } batch
            ? await Items.ListAsync(_account, batch, query, default)
            : await History.ListAsync(_account, query, default);
        Assert.Null(page.Next);
        return page.Items.Select(r => r.RunId).ToList();
    }

    /// <summary>r1..r6 one minute apart: r1, r2, r6 of wf_a; r3, r4 of wf_b; r5 ad hoc. r2 and r4 have not ended.</summary>
    private async Task SeedAsync()
    {
        var runs = new[] { Run("r1", 1, "wf_a"), Run("r2", 2, "wf_a"), Run("r3", 3, "wf_b"), Run("r4", 4, "wf_b"), Run("r5", 5), Run("r6", 6, "wf_a") };
        foreach (var run in runs)
        {
            await History.RecordQueuedAsync(run, default);
        }

        await History.RecordCompletedAsync(Completed(runs[0], RunStatuses.Succeeded), default);
        await History.RecordCompletedAsync(Completed(runs[2], RunStatuses.Failed), default);
        await History.RecordCompletedAsync(Completed(runs[4], RunStatuses.Cancelled), default);
        await History.RecordCompletedAsync(Completed(runs[5], RunStatuses.Succeeded), default);
    }

    public sealed class OnAzurite() : RunHistoryTests(new AzuriteBackend());

    public sealed class InMemory() : RunHistoryTests(new InMemoryBackend());
}
