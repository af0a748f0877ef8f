using System.Diagnostics;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.Payloads;
using WorkflowFunctions.Storage.Runs;
using WorkflowFunctions.Storage.Tables;

namespace WorkflowFunctions.Benchmarks;

/// <summary>
/// What listing run history costs as history grows (issue 17, goal 4): the store is filled with 1,000 and then
/// 100,000 finished runs of one account (four workflows, three final statuses, one a minute), and the newest 50 are
/// listed with each filter a caller uses (none, a workflow, a status, both), plus the page after the middle of the
/// history (a cursor deep in the table). Each query runs many times; the report is the mean time per query and the
/// rows each page returns. Pages should cost the same at both sizes.
/// In memory by default; <c>azurite</c> runs the same queries through <see cref="RunHistory"/> on an Azurite table
/// (a new one per size, filled in transactions of 100 rows written by <see cref="RunHistory"/> itself) and counts
/// the HTTP requests each query makes at the storage endpoint, through <see cref="CountingStorageProxy"/>.
/// Usage: <c>listing [sizes, default 1000,100000] [queries per measurement, default 2000]</c> or
/// <c>listing azurite [sizes] [queries, default 50] [Azurite table port, default 10002]</c>.
/// </summary>
internal static class ListingBenchmark
{
    private const string Account = "acct";
    private static readonly string[] Statuses = [RunStatuses.Succeeded, RunStatuses.Failed, RunStatuses.Cancelled];

    public static async Task RunAsync(string[] args)
    {
        var azurite = args.Length > 0 && args[0] == "azurite";
        args = azurite ? args[1..] : args;
        var sizes = args.Length > 0
            ? args[0].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray()
            : [1_000, 100_000];
        var queries = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : azurite ? 50 : 2_000;
        var tablePort = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10002;
        await using var proxy = azurite ? CountingStorageProxy.Start(tablePort, tablePort, tablePort) : null;
        Console.WriteLine($"listing ({(azurite ? "Azurite" : "in memory")}): {queries} queries per measurement, mean per query (load {Measures.Load()})");
        foreach (var size in sizes)
        {
            RunHistory history;
            if (proxy is null)
            {
                history = new RunHistory(StorageTables.InMemory());
                await FillAsync(history, size);
            }
            else
            {
                var name = "listing" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..4]);
                var direct = new TableClient(CountingStorageProxy.EmulatorConnectionString(tablePort, tablePort, tablePort), name);
                var loader = new BulkLoader(new AzureTableStore(direct));
                var clock = Stopwatch.StartNew();
                await FillAsync(new RunHistory(Tables(loader)), size);
                await loader.FlushAsync();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  filled {size:N0} runs in {clock.Elapsed.TotalSeconds:0.0} s"));
                history = new RunHistory(Tables(new AzureTableStore(new TableClient(proxy.ConnectionString, name))));
            }

            var middle = await CursorAtAsync(history, size / 2);
            await MeasureAsync(history, proxy, size, queries, "newest 50", new RunQuery { Limit = 50 });
            await MeasureAsync(history, proxy, size, queries, "newest 50 of a workflow", new RunQuery { Limit = 50, WorkflowId = "wf_1" });
            await MeasureAsync(history, proxy, size, queries, "newest 50 failed", new RunQuery { Limit = 50, Status = RunStatuses.Failed });
            await MeasureAsync(
                history, proxy, size, queries, "newest 50 failed of a workflow",
                new RunQuery { Limit = 50, WorkflowId = "wf_1", Status = RunStatuses.Failed });
            await MeasureAsync(history, proxy, size, queries, "50 after the middle", new RunQuery { Limit = 50, After = middle });
        }
    }

    private static StorageTables Tables(ITableStore runs) =>
        new("Azurite", _ => runs, new InMemoryPayloadStore(), new StorageOptions());

    private static async Task FillAsync(RunHistory history, int size)
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < size; i++)
        {
            var run = new RunRecord
            {
                AccountId = Account,
                RunId = Guid.NewGuid().ToString("D"),
                WorkflowId = "wf_" + (i % 4).ToString(CultureInfo.InvariantCulture),
                Version = 1,
                Status = Statuses[i % Statuses.Length],
                CreatedAt = start.AddMinutes(i),
                CompletedAt = start.AddMinutes(i).AddSeconds(5),
            };
            await history.RecordCompletedAsync(run, CancellationToken.None);
        }
    }

    private static async Task<string?> CursorAtAsync(RunHistory history, int position)
    {
        string? after = null;
        for (var seen = 0; seen < position;)
        {
            var page = await history.ListAsync(Account, new RunQuery { Limit = Math.Min(100, position - seen), After = after }, CancellationToken.None);
            seen += page.Items.Count;
            after = page.Next;
            if (after is null)
            {
                break;
            }
        }

        return after;
    }

    private static async Task MeasureAsync(RunHistory history, CountingStorageProxy? proxy, int size, int queries, string what, RunQuery query)
    {
        var rows = (await history.ListAsync(Account, query, CancellationToken.None)).Items.Count;
        proxy?.Take();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < queries; i++)
        {
            await history.ListAsync(Account, query, CancellationToken.None);
        }

        var micros = watch.Elapsed.TotalMicroseconds / queries;
        var requests = proxy is null ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $", {proxy.Take().Values.Sum() / (double)queries:0.##} requests/query");
        Console.WriteLine(
            $"  {size,7:N0} runs  {what,-32} {micros,9:N1} us/query  ({rows} rows{requests})");
    }

    /// <summary>
    /// Fills a table fast: buffers <see cref="RunHistory"/>'s upserts by partition and writes them in transactions of
    /// 100 rows. Its delete of the run's "active" row is dropped (the benchmark never records a start, so there is none).
    /// </summary>
    private sealed class BulkLoader(ITableStore inner) : ITableStore
    {
        private readonly Dictionary<string, List<TableOperation>> _pending = new(StringComparer.Ordinal);

        public Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken) =>
            inner.GetAsync(partitionKey, rowKey, cancellationToken);

        public Task<ETag> AddAsync(TableEntity entity, CancellationToken cancellationToken) =>
            inner.AddAsync(entity, cancellationToken);

        public Task<ETag> ReplaceAsync(TableEntity entity, ETag ifMatch, CancellationToken cancellationToken) =>
            inner.ReplaceAsync(entity, ifMatch, cancellationToken);

        public async Task<ETag> UpsertAsync(TableEntity entity, CancellationToken cancellationToken)
        {
            List<TableOperation>? full = null;
            lock (_pending)
            {
                if (!_pending.TryGetValue(entity.PartitionKey, out var list))
                {
                    _pending[entity.PartitionKey] = list = [];
                }

                list.Add(TableOperation.Upsert(entity));
                if (list.Count == 100)
                {
                    full = list;
                    _pending.Remove(entity.PartitionKey);
                }
            }

            if (full is not null)
            {
                await inner.SubmitAsync(full, cancellationToken);
            }

            return default;
        }

        public Task DeleteAsync(string partitionKey, string rowKey, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task SubmitAsync(IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken) =>
            inner.SubmitAsync(operations, cancellationToken);

        public Task<TablePage> QueryAsync(TableQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

        public async Task FlushAsync()
        {
            foreach (var list in _pending.Values)
            {
                await inner.SubmitAsync(list, CancellationToken.None);
            }

            _pending.Clear();
        }
    }
}
