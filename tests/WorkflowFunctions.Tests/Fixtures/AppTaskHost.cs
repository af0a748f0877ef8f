using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WorkflowFunctions.LocalHost;
using WorkflowFunctions.Nodes;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Orchestration.Tables;

namespace WorkflowFunctions.Tests.Fixtures;

/// <summary>
/// The real in-process Durable Task engine running the app's workflow orchestrator, its map-rows orchestrators and
/// node activities, composed from the given services: the LocalHost's in-memory backend behind its gRPC sidecar on a
/// loopback port of its own, with the LocalHost's fixes to the preview sidecar (work items dispatched in parallel,
/// one episode stored at a time so sub-runs and their parent cannot deadlock the backend). The test host package's
/// own <c>DurableTaskTestHost</c> has neither fix and picks its port at random.
/// </summary>
internal sealed class AppTaskHost : IAsyncDisposable
{
    private readonly DurableBackend _backend;
    private readonly DurableSidecar _sidecar;
    private readonly IHost _worker;

    private AppTaskHost(DurableBackend backend, DurableSidecar sidecar, IHost worker)
    {
        _backend = backend;
        _sidecar = sidecar;
        _worker = worker;
    }

    public DurableTaskClient Client => _worker.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>The most events each instance's history held, recorded as its episodes were stored.</summary>
    public HistorySizes Histories => _backend.Histories!;

    public static async Task<AppTaskHost> StartAsync(IServiceProvider services)
    {
        var backend = DurableBackend.InMemory(NullLoggerFactory.Instance, new HistorySizes());
        var sidecar = await DurableSidecar.StartAsync(backend);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddDurableTaskWorker(worker =>
        {
            sidecar.Connect(worker);
            worker.AddTasks(tasks => AddTo(tasks, () => services));
        });
        builder.Services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(sidecar.Channel);
            client.RegisterDirectly();
        });
        var worker = builder.Build();
        await worker.StartAsync();
        return new AppTaskHost(backend, sidecar, worker);
    }

    /// <summary>Registers the app's durable functions; each resolves its class from the provider when first used.</summary>
    public static void AddTo(DurableTaskRegistry tasks, Func<IServiceProvider> services)
    {
        var orchestrator = new Lazy<WorkflowOrchestrator>(() => ActivatorUtilities.CreateInstance<WorkflowOrchestrator>(services()));
        var nodes = new Lazy<NodeActivities>(() => ActivatorUtilities.CreateInstance<NodeActivities>(services()));
        var definitions = new Lazy<WorkflowDefinitionActivities>(() => ActivatorUtilities.CreateInstance<WorkflowDefinitionActivities>(services()));
        tasks.AddOrchestratorFunc<WorkflowRunRequest, WorkflowRunResult>(
            FunctionNames.WorkflowOrchestrator, (context, request) => orchestrator.Value.RunAsync(context, request));
        tasks.AddActivityFunc<NodeExecutionRequest, NodeExecutionResult>(
            FunctionNames.ExecuteNode, (_, request) => nodes.Value.ExecuteNode(request, CancellationToken.None));
        tasks.AddActivityFunc<WorkflowDefinitionQuery, StoredWorkflowDefinition?>(
            FunctionNames.LoadWorkflowDefinition, (_, query) => definitions.Value.LoadWorkflowDefinition(query, CancellationToken.None));
        tasks.AddOrchestratorFunc<MapRowsRequest, MapRowsResult>(FunctionNames.MapRows, (context, _) => MapRowsOrchestrator.Run(context));
        tasks.AddOrchestratorFunc<MapRowsChunkRequest, MapRowsResult>(FunctionNames.MapRowsChunk, (context, _) => MapRowsChunkOrchestrator.Run(context));
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync();
        _worker.Dispose();
        await _sidecar.DisposeAsync();
        await _backend.DisposeAsync();

        // What the Functions host would refuse fails the engine tests too (the sidecar lets it through).
        Assert.Empty(_backend.StatusLimit.Exceeded);
    }
}
