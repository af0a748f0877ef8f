using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using WorkflowFunctions.Nodes;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Tests.Fixtures;

/// <summary>The real in-process Durable Task engine running the app's workflow orchestrator and node activities, composed from the given services.</summary>
internal static class AppTaskHost
{
    public static Task<DurableTaskTestHost> StartAsync(IServiceProvider services)
    {
        var orchestrator = ActivatorUtilities.CreateInstance<WorkflowOrchestrator>(services);
        var nodes = ActivatorUtilities.CreateInstance<NodeActivities>(services);
        var definitions = ActivatorUtilities.CreateInstance<WorkflowDefinitionActivities>(services);
        return DurableTaskTestHost.StartAsync(tasks =>
        {
            tasks.AddOrchestratorFunc<WorkflowRunRequest, WorkflowRunResult>(
                FunctionNames.WorkflowOrchestrator, (context, request) => orchestrator.RunAsync(context, request));
            tasks.AddActivityFunc<NodeExecutionRequest, NodeExecutionResult>(
                FunctionNames.ExecuteNode, (_, request) => nodes.ExecuteNode(request, CancellationToken.None));
            tasks.AddActivityFunc<WorkflowDefinitionQuery, StoredWorkflowDefinition?>(
                FunctionNames.LoadWorkflowDefinition, (_, query) => definitions.LoadWorkflowDefinition(query, CancellationToken.None));
        });
    }
}
