using Azure.Data.Tables;
using WorkflowFunctions.Storage.Tables;
using WorkflowFunctions.Storage.Tests.Backends;

namespace WorkflowFunctions.Storage.Tests.Tables;

/// <summary>
/// The <see cref="ITableStore"/> contract the repositories rely on. The same tests pass on Azurite and in memory,
/// which is the evidence that the LocalHost's in-memory tables behave like Azure Table Storage.
/// </summary>
public abstract class TableStoreContractTests(IStorageBackend backend) : StorageTests(backend)
{
    private readonly string _partition = NewAccount();

    private ITableStore Table => Storage.Runs;

    [Fact]
    public async Task GetAsync_MissingRow_ReturnsNull()
    {
        var row = await Table.GetAsync(_partition, "absent", default);

        Assert.Null(row);
    }

    [Fact]
    public async Task AddAsync_RowExists_ThrowsConflict()
    {
        await Table.AddAsync(Row("r1", 1), default);

        await Assert.ThrowsAsync<TableConflictException>(() => Table.AddAsync(Row("r1", 2), default));
        Assert.Equal(1, (await Table.GetAsync(_partition, "r1", default))!.GetInt32("N"));
    }

    [Fact]
    public async Task ReplaceAsync_CurrentETag_ReplacesRowAndChangesETag()
    {
        var first = await Table.AddAsync(Row("r1", 1), default);

        var second = await Table.ReplaceAsync(Row("r1", 2), first, default);

        var stored = await Table.GetAsync(_partition, "r1", default);
        Assert.Equal(2, stored!.GetInt32("N"));
        Assert.NotEqual(first, second);
        Assert.Equal(second, stored.ETag);
    }

    [Fact]
    public async Task ReplaceAsync_StaleETag_ThrowsConflict()
    {
        var stale = await Table.AddAsync(Row("r1", 1), default);
        await Table.ReplaceAsync(Row("r1", 2), stale, default);

        await Assert.ThrowsAsync<TableConflictException>(() => Table.ReplaceAsync(Row("r1", 3), stale, default));
        Assert.Equal(2, (await Table.GetAsync(_partition, "r1", default))!.GetInt32("N"));
    }

    [Fact]
    public async Task ReplaceAsync_MissingRow_ThrowsConflict()
    {
        var etag = await Table.AddAsync(Row("r1", 1), default);
        await Table.DeleteAsync(_partition, "r1", default);

        await Assert.ThrowsAsync<TableConflictException>(() => Table.ReplaceAsync(Row("r1", 2), etag, default));
    }

    [Fact]
    public async Task UpsertAsync_ExistingRow_DropsPropertiesTheNewRowLacks()
    {
        var original = Row("r1", 1);
        original["Extra"] = "x";
        await Table.AddAsync(original, default);

        await Table.UpsertAsync(Row("r1", 2), default);

        var stored = await Table.GetAsync(_partition, "r1", default);
        Assert.Equal(2, stored!.GetInt32("N"));
        Assert.False(stored.ContainsKey("Extra"));
    }

    [Fact]
    public async Task DeleteAsync_MissingRow_DoesNotThrow()
    {
        await Table.DeleteAsync(_partition, "absent", default);

        Assert.Null(await Table.GetAsync(_partition, "absent", default));
    }

    [Fact]
    public async Task SubmitAsync_AllConditionsHold_AppliesEveryOperation()
    {
        var etag = await Table.AddAsync(Row("r1", 1), default);
        await Table.AddAsync(Row("r3", 3), default);

        await Table.SubmitAsync(
            [TableOperation.Replace(Row("r1", 10), etag), TableOperation.Add(Row("r2", 2)), TableOperation.Delete(_partition, "r3", Azure.ETag.All)],
            default);

        Assert.Equal(10, (await Table.GetAsync(_partition, "r1", default))!.GetInt32("N"));
        Assert.NotNull(await Table.GetAsync(_partition, "r2", default));
        Assert.Null(await Table.GetAsync(_partition, "r3", default));
    }

    [Fact]
    public async Task SubmitAsync_OneOperationFails_WritesNothing()
    {
        var etag = await Table.AddAsync(Row("r1", 1), default);
        await Table.AddAsync(Row("r3", 3), default);

        await Assert.ThrowsAsync<TableConflictException>(() =>
            Table.SubmitAsync([TableOperation.Replace(Row("r1", 10), etag), TableOperation.Add(Row("r2", 2)), TableOperation.Add(Row("r3", 30))], default));

        Assert.Equal(1, (await Table.GetAsync(_partition, "r1", default))!.GetInt32("N"));
        Assert.Null(await Table.GetAsync(_partition, "r2", default));
        Assert.Equal(3, (await Table.GetAsync(_partition, "r3", default))!.GetInt32("N"));
    }

    [Fact]
    public async Task SubmitAsync_StaleETag_WritesNothing()
    {
        var stale = await Table.AddAsync(Row("r1", 1), default);
        await Table.ReplaceAsync(Row("r1", 2), stale, default);

        await Assert.ThrowsAsync<TableConflictException>(() =>
            Table.SubmitAsync([TableOperation.Add(Row("r2", 2)), TableOperation.Replace(Row("r1", 10), stale)], default));

        Assert.Null(await Table.GetAsync(_partition, "r2", default));
    }

    [Fact]
    public async Task SubmitAsync_Merge_SetsGivenPropertiesAndKeepsTheOthers()
    {
        var etag = await Table.AddAsync(new TableEntity(_partition, "r1") { ["N"] = 1, ["Kept"] = "yes" }, default);

        await Table.SubmitAsync([TableOperation.Merge(Row("r1", 2), etag)], default);

        var stored = await Table.GetAsync(_partition, "r1", default);
        Assert.Equal((2, "yes"), (stored!.GetInt32("N"), stored.GetString("Kept")));
        Assert.NotEqual(etag, stored.ETag);
    }

    [Fact]
    public async Task SubmitAsync_MergeWithStaleETag_WritesNothing()
    {
        var stale = await Table.AddAsync(Row("r1", 1), default);
        await Table.ReplaceAsync(Row("r1", 2), stale, default);

        await Assert.ThrowsAsync<TableConflictException>(() =>
            Table.SubmitAsync([TableOperation.Add(Row("r2", 2)), TableOperation.Merge(Row("r1", 10), stale)], default));

        Assert.Equal(2, (await Table.GetAsync(_partition, "r1", default))!.GetInt32("N"));
        Assert.Null(await Table.GetAsync(_partition, "r2", default));
    }

    [Fact]
    public async Task SubmitAsync_MergeMissingRow_ThrowsConflict()
    {
        await Assert.ThrowsAsync<TableConflictException>(() => Table.SubmitAsync([TableOperation.Merge(Row("r1", 1), Azure.ETag.All)], default));

        Assert.Null(await Table.GetAsync(_partition, "r1", default));
    }

    [Fact]
    public async Task SubmitAsync_TwoPartitions_ThrowsArgumentException()
    {
        var other = new TableEntity(NewAccount(), "r2");

        await Assert.ThrowsAsync<ArgumentException>(() => Table.SubmitAsync([TableOperation.Add(Row("r1", 1)), TableOperation.Add(other)], default));
    }

    [Fact]
    public async Task SubmitAsync_OverOneHundredOperations_ThrowsArgumentException()
    {
        var operations = Enumerable.Range(0, 101).Select(i => TableOperation.Add(Row($"r{i:D3}", i))).ToList();

        await Assert.ThrowsAsync<ArgumentException>(() => Table.SubmitAsync(operations, default));
    }

    [Fact]
    public async Task QueryAsync_ExclusiveBounds_ReturnsRowsStrictlyBetweenInOrdinalOrder()
    {
        foreach (var key in new[] { "b", "a~", "B", "a", "a~~", "c", "a0", "b~x" })
        {
            await Table.AddAsync(Row(key, 0), default);
        }

        var page = await Table.QueryAsync(new TableQuery(_partition) { RowKeyAfter = "a", RowKeyBefore = "b~x" }, default);

        Assert.Equal(["a0", "a~", "a~~", "b"], page.Rows.Select(r => r.RowKey));
        Assert.Null(page.ContinueAfter);
    }

    [Fact]
    public async Task QueryAsync_OtherPartition_IsNotRead()
    {
        await Table.AddAsync(Row("r1", 1), default);
        await Table.AddAsync(new TableEntity(NewAccount(), "r2"), default);

        var page = await Table.QueryAsync(new TableQuery(_partition), default);

        Assert.Equal(["r1"], page.Rows.Select(r => r.RowKey));
    }

    [Fact]
    public async Task QueryAsync_TakeAndContinueAfter_ReturnsEachRowExactlyOnce()
    {
        var keys = await AddRowsAsync(25);

        var seen = await ReadAllAsync(new TableQuery(_partition) { Take = 7 });

        Assert.Equal(keys, seen);
    }

    [Fact]
    public async Task QueryAsync_TakeEqualsRemainingRows_EndsWithoutContinuation()
    {
        await AddRowsAsync(5);

        var page = await Table.QueryAsync(new TableQuery(_partition) { Take = 5 }, default);

        Assert.Equal(5, page.Rows.Count);
        Assert.Null(page.ContinueAfter);
    }

    [Fact]
    public async Task QueryAsync_Select_ReturnsOnlySelectedPropertiesWithKeys()
    {
        var row = Row("r1", 1);
        row["Big"] = new string('x', 1000);
        await Table.AddAsync(row, default);

        var page = await Table.QueryAsync(new TableQuery(_partition) { Select = ["N"] }, default);

        var projected = Assert.Single(page.Rows);
        Assert.Equal(1, projected.GetInt32("N"));
        Assert.False(projected.ContainsKey("Big"));
        Assert.Equal(_partition, projected.PartitionKey);
        Assert.Equal("r1", projected.RowKey);
    }

    [Fact]
    public async Task QueryAsync_SelectWithPaging_ReturnsEachRowExactlyOnce()
    {
        var keys = await AddRowsAsync(12);

        var seen = await ReadAllAsync(new TableQuery(_partition) { Take = 5, Select = ["N"] });

        Assert.Equal(keys, seen);
    }

    [Fact]
    public async Task QueryAsync_Filter_ReturnsOnlyMatchingRowsInOrder()
    {
        await AddRowsAsync(20);

        var page = await Table.QueryAsync(new TableQuery(_partition) { Filter = r => r.GetInt32("N") % 3 == 0 }, default);

        Assert.Equal([0, 3, 6, 9, 12, 15, 18], page.Rows.Select(r => r.GetInt32("N") ?? -1));
    }

    [Fact]
    public async Task QueryAsync_FilterWithTake_PagesThroughMatchesExactlyOnce()
    {
        await AddRowsAsync(30);

        var seen = await ReadAllAsync(new TableQuery(_partition) { Take = 4, Filter = r => r.GetInt32("N") % 2 == 1 });

        Assert.Equal(Enumerable.Range(0, 30).Where(n => n % 2 == 1).Select(Key), seen);
    }

    [Fact]
    public async Task QueryAsync_MaxScannedReached_ReturnsContinuationAfterLastScannedRow()
    {
        await AddRowsAsync(10);

        var page = await Table.QueryAsync(new TableQuery(_partition) { MaxScanned = 4, Filter = r => r.GetInt32("N") == 9 }, default);

        Assert.Empty(page.Rows);
        Assert.Equal(Key(3), page.ContinueAfter);
    }

    private static string Key(int n) => $"k{n:D4}";

    private TableEntity Row(string rowKey, int n) => new(_partition, rowKey) { ["N"] = n };

    private async Task<List<string>> AddRowsAsync(int count)
    {
        var keys = Enumerable.Range(0, count).Select(Key).ToList();
        await Table.SubmitAsync(keys.Select((k, n) => TableOperation.Add(Row(k, n))).ToList(), default);
        return keys;
    }

    private async Task<List<string>> ReadAllAsync(TableQuery query)
    {
        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await Table.QueryAsync(query with { RowKeyAfter = after }, default);
            seen.AddRange(page.Rows.Select(r => r.RowKey));
            after = page.ContinueAfter;
        }
        while (after is not null);
        return seen;
    }

    public sealed class OnAzurite() : TableStoreContractTests(new AzuriteBackend());

    public sealed class InMemory() : TableStoreContractTests(new InMemoryBackend());
}
