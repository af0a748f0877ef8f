using WorkflowFunctions.Storage.Batches;
using WorkflowFunctions.Storage.Runs;
using WorkflowFunctions.Storage.Tables;
using WorkflowFunctions.Storage.Tests.Backends;

namespace WorkflowFunctions.Storage.Tests.Batches;

/// <summary>
/// A batch's items by position: stored in chunks, loaded by range, started with their concurrency slots (handed on as
/// items end), counted and cancelled.
/// </summary>
public abstract class BatchItemTests(IStorageBackend backend) : StorageTests(backend)
{
    private const int Items = 250;
    private const string Batch = "b_0123abcd";
    private readonly string _account = NewAccount();

    private RunHistory History => new(Storage);

    private BatchItems Store => new(Storage, History);

    [Fact]
    public async Task AddBatchItemsAsync_250ItemsSomeLarge_LoadsEveryInputInOrder()
    {
        var inputs = Inputs();

        await Store.AddAsync(_account, Batch, "wf_a", 2, Start, inputs, default);

        var items = await Store.LoadAsync(_account, Batch, 0, Items, default);
        Assert.Equal(Enumerable.Range(0, Items), items.Select(i => i.Index));
        Assert.Equal(inputs, items.Select(i => i.Input));
        Assert.Equal(Enumerable.Range(0, Items).Select(i => BatchItems.RunId(Batch, i)), items.Select(i => i.RunId));
        Assert.All(items, i => Assert.Equal(RunStatuses.Queued, i.Status));
    }

    [Fact]
    public async Task AddBatchItemsAsync_InputOverInlineLimit_StoresItInABlob()
    {
        await Store.AddAsync(_account, Batch, "wf_a", 2, Start, Inputs(), default);

        var rows = await Storage.Runs.QueryAsync(new TableQuery($"b~{_account}~{Batch}") { RowKeyBefore = StorageKeys.Number(2) }, default);

        Assert.Equal([true, false], rows.Rows.Select(r => r.ContainsKey("InputBlob")));
        Assert.Equal([false, true], rows.Rows.Select(r => r.ContainsKey("Input")));
    }

    [Theory]
    [InlineData(0, 5, 0, 5)]
    [InlineData(95, 10, 95, 10)]
    [InlineData(245, 10, 245, 5)]
    [InlineData(250, 10, 250, 0)]
    public async Task LoadBatchItemsAsync_Range_ReturnsThoseItemsOnly(int from, int count, int firstExpected, int countExpected)
    {
        var inputs = Inputs();
        await Store.AddAsync(_account, Batch, "wf_a", 2, Start, inputs, default);

        var items = await Store.LoadAsync(_account, Batch, from, count, default);

        Assert.Equal(Enumerable.Range(firstExpected, countExpected), items.Select(i => i.Index));
        Assert.Equal(inputs.Skip(firstExpected).Take(countExpected), items.Select(i => i.Input));
    }

    [Fact]
    public async Task CountBatchAsync_MixedStatuses_CountsEachStatus()
    {
        await Store.AddAsync(_account, Batch, "wf_a", 2, Start, Inputs(), default);
        await CompleteAsync(0, RunStatuses.Succeeded);
        await CompleteAsync(1, RunStatuses.Succeeded);
        await CompleteAsync(100, RunStatuses.Succeeded);
        await CompleteAsync(249, RunStatuses.Failed);

        var counts = await Store.CountAsync(_account, Batch, default);

        Assert.Equal((246, 3, 1, 0), (counts[RunStatuses.Queued], counts[RunStatuses.Succeeded], counts[RunStatuses.Failed], counts[RunStatuses.Cancelled]));
        Assert.Equal(RunStatuses.All.Order(StringComparer.Ordinal), counts.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CountBatchAsync_UnknownBatch_CountsZero()
    {
        var counts = await Store.CountAsync(_account, "b_missing", default);

        Assert.All(counts.Values, c => Assert.Equal(0, c));
    }

    [Fact]
    public async Task CancelPendingBatchItemsAsync_FromAnIndex_CancelsOnlyUnfinishedItemsFromThere()
    {
        await Store.AddAsync(_account, Batch, "wf_a", 2, Start, Inputs(), default);
        await CompleteAsync(150, RunStatuses.Succeeded);

        var marked = await Store.CancelPendingAsync(_account, Batch, 100, null, default);

        var statuses = (await Store.LoadAsync(_account, Batch, 0, Items, default)).Select(i => i.Status).ToList();
        Assert.Equal(149, marked);
        Assert.All(statuses.Take(100), s => Assert.Equal(RunStatuses.Queued, s));
        Assert.Equal(RunStatuses.Succeeded, statuses[150]);
        Assert.Equal(149, statuses.Skip(100).Count(s => s == RunStatuses.Cancelled));
    }

    [Fact]
    public async Task CancelPendingBatchItemsAsync_CancelledItems_AppearInTheRunHistory()
    {
        await Store.AddAsync(_account, Batch, "wf_a", 2, Start, ["{}", "{}", "{}"], default);

        await Store.CancelPendingAsync(_account, Batch, 1, null, default);

        var cancelled = await History.ListAsync(_account, new RunQuery { Status = RunStatuses.Cancelled, WorkflowId = "wf_a" }, default);
        Assert.Equal([BatchItems.RunId(Batch, 2), BatchItems.RunId(Batch, 1)], cancelled.Items.Select(r => r.RunId).Order(StringComparer.Ordinal).Reverse());
        Assert.All(cancelled.Items, r => Assert.Equal(Batch, r.BatchId));
    }

    [Fact]
    public async Task RecordCompletedAsync_BatchItem_UpdatesItsItemRow()
    {
        await Store.AddAsync(_account, Batch, "wf_a", 2, Start, ["{}", "{}"], default);

        await CompleteAsync(1, RunStatuses.Failed);

        var item = await Store.FindAsync(_account, Batch, 1, default);
        Assert.Equal((RunStatuses.Failed, "wf_a", 2, 1), (item!.Status, item.WorkflowId, item.Version, item.BatchIndex));
    }

    [Fact]
    public async Task StartBatchItemsAsync_Slots_MarksOnlyTheFirstItemsRunningAndRecordsAllInTheHistory()
    {
        await Store.AddAsync(_account, Batch, "wf_a", 2, Start, Small(10), default);

        var started = await Store.StartAsync(Template(), 2, 6, 3, default);

        Assert.Equal([2, 3, 4, 5, 6, 7], started.Select(i => i.Index));
        Assert.Equal(["{\"i\":2}", "{\"i\":3}"], started.Take(2).Select(i => i.Input));
        Assert.Equal([2, 3, 4], await RunningAsync());
        var history = await History.ListAsync(_account, new RunQuery { WorkflowId = "wf_a" }, default);
        Assert.Equal(Enumerable.Range(2, 6).Select(i => BatchItems.RunId(Batch, i)), history.Items.Select(r => r.RunId).Order(StringComparer.Ordinal));
        Assert.All(history.Items, r => Assert.Equal((RunStatuses.Queued, Batch), (r.Status, r.BatchId)));
        Assert.Equal(6, (await History.ListAsync(_account, new RunQuery { Status = RunStatuses.Running }, default)).Items.Count);
    }

    [Fact]
    public async Task StartBatchItemsAsync_EndedItem_IsLeftOutAndTakesNoSlot()
    {
        await Store.AddAsync(_account, Batch, "wf_a", 2, Start, Small(10), default);
        await CompleteAsync(1, RunStatuses.Cancelled);

        var started = await Store.StartAsync(Template(), 0, 5, 2, default);

        Assert.Equal([0, 2, 3, 4], started.Select(i => i.Index));
        Assert.Equal([0, 2], await RunningAsync());
    }

    [Fact]
    public async Task StartBatchItemsAsync_Retried_KeepsEndedRunsOutOfTheActiveRuns()
    {
        await Store.AddAsync(_account, Batch, "wf_a", 2, Start, Small(5), default);
        await Store.StartAsync(Template(), 0, 5, 2, default);
        await CompleteAsync(0, RunStatuses.Succeeded);

        var again = await Store.StartAsync(Template(), 0, 5, 2, default);

        Assert.Equal([1, 2, 3, 4], again.Select(i => i.Index));
        Assert.Equal([1, 2], await RunningAsync());
        var active = await History.ListAsync(_account, new RunQuery { Status = RunStatuses.Running }, default);
        Assert.DoesNotContain(BatchItems.RunId(Batch, 0), active.Items.Select(r => r.RunId));
        Assert.Equal(
            RunStatuses.Succeeded,
            (await History.ListAsync(_account, new RunQuery { Status = RunStatuses.Succeeded }, default)).Items.Single().Status);
    }

    [Fact]
    public async Task RecordCompletedAsync_ItemHoldingASlot_HandsItToTheNextQueuedItem()
    {
        await Store.AddAsync(_account, Batch, "wf_a", 2, Start, Small(10), default);
        await Store.StartAsync(Template(), 0, 10, 3, default);

        await CompleteAsync(1, RunStatuses.Succeeded);
        await CompleteAsync(0, RunStatuses.Failed);

        Assert.Equal([2, 3, 4], await RunningAsync());
        var counts = await Store.CountAsync(_account, Batch, default);
        Assert.Equal((3, 1, 1, 5), (counts[RunStatuses.Running], counts[RunStatuses.Succeeded], counts[RunStatuses.Failed], counts[RunStatuses.Queued]));
    }

    [Fact]
    public async Task RecordCompletedAsync_Retried_HandsTheSlotOverOnce()
    {
        await Store.AddAsync(_account, Batch, "wf_a", 2, Start, Small(10), default);
        await Store.StartAsync(Template(), 0, 10, 2, default);

        await CompleteAsync(0, RunStatuses.Succeeded);
        await CompleteAsync(0, RunStatuses.Succeeded);

        Assert.Equal([1, 2], await RunningAsync());
    }

    [Fact]
    public async Task RecordCompletedAsync_ItemWithoutASlot_HandsNothingOver()
    {
        await Store.AddAsync(_account, Batch, "wf_a", 2, Start, Small(10), default);
        await Store.StartAsync(Template(), 0, 10, 1, default);

        await CompleteAsync(5, RunStatuses.Succeeded);

        Assert.Equal([0], await RunningAsync());
    }

    [Fact]
    public async Task RecordCompletedAsync_ItemsEndingTogether_HandTheirSlotsToDifferentItems()
    {
        await Store.AddAsync(_account, Batch, "wf_a", 2, Start, Small(20), default);
        await Store.StartAsync(Template(), 0, 20, 5, default);

        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Task.Run(() => CompleteAsync(i, RunStatuses.Succeeded))));

        Assert.Equal([5, 6, 7, 8, 9], await RunningAsync());
    }

    [Fact]
    public async Task RecordCompletedAsync_LastItems_HandNothingOverAndNeverReopenEndedOnes()
    {
        await Store.AddAsync(_account, Batch, "wf_a", 2, Start, Small(3), default);
        await Store.StartAsync(Template(), 0, 3, 3, default);

        await CompleteAsync(2, RunStatuses.Succeeded);
        await CompleteAsync(0, RunStatuses.Succeeded);
        await CompleteAsync(1, RunStatuses.Succeeded);

        var counts = await Store.CountAsync(_account, Batch, default);
        Assert.Equal((0, 3), (counts[RunStatuses.Running], counts[RunStatuses.Succeeded]));
    }

    [Fact]
    public async Task CancelPendingBatchItemsAsync_ItemsHoldingSlots_HandNothingOver()
    {
        await Store.AddAsync(_account, Batch, "wf_a", 2, Start, Small(10), default);
        await Store.StartAsync(Template(), 0, 10, 3, default);

        await Store.CancelPendingAsync(_account, Batch, 5, null, default);
        await Store.CancelPendingAsync(_account, Batch, 0, null, default);

        var counts = await Store.CountAsync(_account, Batch, default);
        Assert.Equal((0, 10), (counts[RunStatuses.Running], counts[RunStatuses.Cancelled]));
    }

    [Fact]
    public async Task FindBatchItemAsync_OtherAccount_ReturnsNull()
    {
        await Store.AddAsync(_account, Batch, "wf_a", 2, Start, ["{}"], default);

        var item = await Store.FindAsync(NewAccount(), Batch, 0, default);

        Assert.Null(item);
    }

    /// <summary>Small JSON inputs, with every 25th over the inline limit (30,000 characters) so it takes the blob path.</summary>
    private static List<string> Inputs() =>
        Enumerable.Range(0, Items).Select(i => i % 25 == 0 ? $$"""{"i":{{i}},"text":"{{new string('x', 40_000)}}"}""" : $$"""{"i":{{i}}}""").ToList();

    private static List<string> Small(int count) => [.. Enumerable.Range(0, count).Select(i => $$"""{"i":{{i}}}""")];

    private RunRecord Template() => new()
    {
        AccountId = _account,
        RunId = Batch,
        WorkflowId = "wf_a",
        Version = 2,
        Status = RunStatuses.Queued,
        CreatedAt = Start,
        BatchId = Batch,
    };

    private async Task<List<int>> RunningAsync() =>
        [.. (await Store.ListAsync(_account, Batch, new RunQuery { Status = RunStatuses.Running, Limit = 1000 }, default)).Items
            .Where(r => r.Status == RunStatuses.Running)
            .Select(r => r.BatchIndex!.Value)];

    private Task CompleteAsync(int index, string status) =>
        Store.RecordCompletedAsync(
            new RunRecord
            {
                AccountId = _account,
                RunId = BatchItems.RunId(Batch, index),
                WorkflowId = "wf_a",
                Version = 2,
                Status = status,
                CreatedAt = Start,
                CompletedAt = Start.AddMinutes(1),
                BatchId = Batch,
                BatchIndex = index,
            },
            default);

    public sealed class OnAzurite() : BatchItemTests(new AzuriteBackend());

    public sealed class InMemory() : BatchItemTests(new InMemoryBackend());
}
