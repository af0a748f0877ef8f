using System.Diagnostics;
using System.Globalization;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.Runs;

namespace WorkflowFunctions.Benchmarks;

/// <summary>
/// What listing run history costs as history grows (issue 17, goal 4): the in-memory store is filled with
/// 1,000 and then 100,000 finished runs of one account (four workflows, three final statuses, one a minute), and
/// the newest 50 are listed with each filter a caller uses (none, a workflow, a status, both), plus the page
/// after the middle of the history (a cursor deep in the table). Each query runs many times; the report is the
/// mean time per query and the rows each page returns. Pages should cost the same at both sizes.
/// Usage: <c>listing [sizes, comma-separated, default 1000,100000] [queries per measurement, default 2000]</c>.
/// </summary>
internal static class ListingBenchmark
{
    private const string Account = "acct";
    private static readonly string[] Statuses = [RunStatuses.Succeeded, RunStatuses.Failed, RunStatuses.Cancelled];

    public static async Task RunAsync(string[] args)
    {
        var sizes = args.Length > 0
            ? args[0].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray()
            : [1_000, 100_000];
        var queries = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000;
        Console.WriteLine($"listing: {queries} queries per measurement, mean time per query (load {Load()})");
        foreach (var size in sizes)
        {
            var history = new RunHistory(StorageTables.InMemory());
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

            var middle = await CursorAtAsync(history, size / 2);
            await MeasureAsync(history, size, queries, "newest 50", new RunQuery { Limit = 50 });
            await MeasureAsync(history, size, queries, "newest 50 of a workflow", new RunQuery { Limit = 50, WorkflowId = "wf_1" });
            await MeasureAsync(history, size, queries, "newest 50 failed", new RunQuery { Limit = 50, Status = RunStatuses.Failed });
            await MeasureAsync(
                history, size, queries, "newest 50 failed of a workflow", new RunQuery { Limit = 50, WorkflowId = "wf_1", Status = RunStatuses.Failed });
            await MeasureAsync(history, size, queries, "50 after the middle", new RunQuery { Limit = 50, After = middle });
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

    private static async Task MeasureAsync(RunHistory history, int size, int queries, string what, RunQuery query)
    {
        var rows = (await history.ListAsync(Account, query, CancellationToken.None)).Items.Count;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < queries; i++)
        {
            await history.ListAsync(Account, query, CancellationToken.None);
        }

        var micros = watch.Elapsed.TotalMicroseconds / queries;
        Console.WriteLine(
            $"  {size,7:N0} runs  {what,-32} {micros,9:N1} us/query  ({rows} rows)");
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
