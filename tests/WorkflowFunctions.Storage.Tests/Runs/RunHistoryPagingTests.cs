using WorkflowFunctions.Storage.Runs;
using WorkflowFunctions.Storage.Tests.Backends;

namespace WorkflowFunctions.Storage.Tests.Runs;

/// <summary>Cursor pagination of the run history while new runs keep arriving.</summary>
public abstract class RunHistoryPagingTests(IStorageBackend backend) : StorageTests(backend)
{
    private readonly string _account = NewAccount();

    private RunHistory History => new(Storage);

    [Theory]
    [InlineData(null, null)]
    [InlineData("wf_a", null)]
    [InlineData(null, RunStatuses.Running)]
    [InlineData("wf_a", RunStatuses.Running)]
    public async Task ListAsync_RunsAddedBetweenPages_SeesEveryEarlierRunExactlyOnce(string? workflow, string? status)
    {
        var existing = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            var run = Run($"old{i:D2}", Start.AddSeconds(i), "wf_a");
            await History.RecordQueuedAsync(run, default);
            existing.Add(run.RunId);
        }

        var seen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await History.ListAsync(_account, new RunQuery { WorkflowId = workflow, Status = status, Limit = 5, After = next }, default);
            seen.AddRange(page.Items.Select(r => r.RunId));
            next = page.Next;
            // A new run between pages, newer than anything listed so far (and one sharing the newest time).
            await History.RecordQueuedAsync(Run($"new{pages:D2}", Start.AddMinutes(10 + pages), "wf_a"), default);
            await History.RecordQueuedAsync(Run($"tie{pages:D2}", Start.AddSeconds(22), "wf_a"), default);
            pages++;
        }
        while (next is not null);

        Assert.Equal(existing.AsEnumerable().Reverse(), seen);
    }

    [Fact]
    public async Task ListAsync_RunsCompletingBetweenPages_NeverListsARunTwice()
    {
        var runs = Enumerable.Range(0, 12).Select(i => Run($"r{i:D2}", Start.AddSeconds(i), null)).ToList();
        foreach (var run in runs)
        {
            await History.RecordQueuedAsync(run, default);
        }

        var seen = new List<string>();
        string? next = null;
        var completed = 0;
        do
        {
            var page = await History.ListAsync(_account, new RunQuery { Limit = 4, After = next }, default);
            seen.AddRange(page.Items.Select(r => r.RunId));
            next = page.Next;
            await History.RecordCompletedAsync(runs[completed++] with { Status = RunStatuses.Succeeded, CompletedAt = Start.AddMinutes(5) }, default);
        }
        while (next is not null);

        Assert.Equal(runs.Select(r => r.RunId).Reverse(), seen);
    }

    private RunRecord Run(string id, DateTimeOffset created, string? workflow) => new()
    {
        AccountId = _account,
        RunId = id,
        WorkflowId = workflow,
        Status = RunStatuses.Queued,
        CreatedAt = created,
    };

    public sealed class OnAzurite() : RunHistoryPagingTests(new AzuriteBackend());

    public sealed class InMemory() : RunHistoryPagingTests(new InMemoryBackend());
}
