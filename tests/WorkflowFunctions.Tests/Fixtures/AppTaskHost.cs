using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using WorkflowFunctions.Nodes;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Orchestration.Tables;

namespace WorkflowFunctions.Tests.Fixtures;

/// <summary>The real in-process Durable Task engine running the app's workflow orchestrator, its map-rows orchestrators and node activities,
/// composed from the given services.</summary>
internal static class AppTaskHost
{
    public static Task<DurableTaskTestHost> StartAsync(IServiceProvider services) =>
        DurableTaskTestHost.StartAsync(tasks => AddTo(tasks, () => services));

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
}
