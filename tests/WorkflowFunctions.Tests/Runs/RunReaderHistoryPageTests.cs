using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Moq;
using WorkflowFunctions.Access;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Settings;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.Batches;
using WorkflowFunctions.Storage.Runs;
using WorkflowFunctions.Storage.Slots;
using WorkflowFunctions.Storage.Workflows;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Tests.Runs;

/// <summary>
/// Numbered pages of a workflow's run history: counted, sorted by creation or by cost (runs without a cost last),
/// and cut into pages, for APIs that page by number instead of by cursor.
/// </summary>
public class RunReaderHistoryPageTests
{
    private static readonly Caller Caller = new("acct", "key_1", ["read"]);
    // Recent, so the unfinished run is within the grace a run may stay queued without an orchestration.
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddMinutes(-6);
    private readonly StorageTables _storage = StorageTables.InMemory();
    private readonly Mock<DurableTaskClient> _client = new("test");

    [Fact]
    public async Task HistoryPageAsync_CostliestFirst_SortsByCostWithUnfinishedRunsLastAndCountsAll()
    {
        // Arrange
        var workflow = await SeedAsync();

        // Act
        var page = await ReadAsync(workflow, RunHistoryOrder.CostliestFirst, page: 1, pageSize: 10);

        // Assert
        Assert.Equal(5, page.Value.Count);
        Assert.Equal(["r3", "r0", "r4", "r1", "r2"], page.Value.Items.Select(r => r.Record.RunId));
    }

    [Fact]
    public async Task HistoryPageAsync_CheapestFirst_EqualCostsNewestFirst()
    {
        var workflow = await SeedAsync();

        var page = await ReadAsync(workflow, RunHistoryOrder.CheapestFirst, page: 1, pageSize: 10);

        Assert.Equal(["r4", "r1", "r0", "r3", "r2"], page.Value.Items.Select(r => r.Record.RunId));
    }

    [Fact]
    public async Task HistoryPageAsync_OldestFirstSecondPage_ReturnsThatSliceAndTheTotal()
    {
        var workflow = await SeedAsync();

        var page = await ReadAsync(workflow, RunHistoryOrder.OldestFirst, page: 2, pageSize: 2);

        Assert.Equal(5, page.Value.Count);
        Assert.Equal(["r2", "r3"], page.Value.Items.Select(r => r.Record.RunId));
    }

    [Fact]
    public async Task HistoryPageAsync_NewestFirstPastTheEnd_IsEmptyWithTheTotal()
    {
        var workflow = await SeedAsync();

        var first = await ReadAsync(workflow, RunHistoryOrder.NewestFirst, page: 1, pageSize: 2);
        var past = await ReadAsync(workflow, RunHistoryOrder.NewestFirst, page: 4, pageSize: 2);

        Assert.Equal(["r4", "r3"], first.Value.Items.Select(r => r.Record.RunId));
        Assert.Equal((5, 0), (past.Value.Count, past.Value.Items.Count));
    }

    [Fact]
    public async Task HistoryPageAsync_UnfinishedRun_ShowsItsIndexStatusWhenTheOrchestrationIsGone()
    {
        var workflow = await SeedAsync();

        var page = await ReadAsync(workflow, RunHistoryOrder.NewestFirst, page: 1, pageSize: 10);

        Assert.Equal(RunStatus.Queued, page.Value.Items.Single(r => r.Record.RunId == "r2").Status);
    }

    [Fact]
    public async Task HistoryPageAsync_UnknownWorkflow_IsNotFound()
    {
        var page = await Reader().HistoryPageAsync(_client.Object, Caller, "404", RunHistoryOrder.NewestFirst, 1, 10, CancellationToken.None);

        Assert.Equal(FailureKind.NotFound, page.Failure?.Kind);
    }

    // Runs r0..r4, one minute apart; costs 0.3, 0.1, (queued), 0.5, 0.1.
    private async Task<WorkflowRecord> SeedAsync()
    {
        var workflow = await new WorkflowRepository(_storage, TimeProvider.System)
            .CreateAsync(Caller.AccountId, "wf", null, null, "{}", CancellationToken.None);
        decimal?[] costs = [0.3m, 0.1m, null, 0.5m, 0.1m];
        var index = new RunHistory(_storage);
        for (var i = 0; i < costs.Length; i++)
        {
            var run = new RunRecord
            {
                AccountId = Caller.AccountId,
                RunId = "r" + i,
                WorkflowId = workflow.Id,
                Status = costs[i] is null ? RunStatuses.Queued : RunStatuses.Succeeded,
                CreatedAt = T0.AddMinutes(i),
                TotalCost = costs[i],
            };
            await (costs[i] is null ? index.RecordQueuedAsync(run, CancellationToken.None) : index.RecordCompletedAsync(run, CancellationToken.None));
        }

        return workflow;
    }

    private Task<Outcome<NumberedPage<RunSummary>>> ReadAsync(WorkflowRecord workflow, RunHistoryOrder order, int page, int pageSize) =>
        Reader().HistoryPageAsync(
            _client.Object,
            Caller,
            workflow.Alias.ToString(System.Globalization.CultureInfo.InvariantCulture),
            order,
            page,
            pageSize,
            CancellationToken.None);

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
