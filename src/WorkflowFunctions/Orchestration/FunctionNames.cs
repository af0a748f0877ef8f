namespace WorkflowFunctions.Orchestration;

/// <summary>Durable function names, shared by the Functions app and the LocalHost.</summary>
public static class FunctionNames
{
    /// <summary>The orchestrator of one workflow run (input <see cref="WorkflowRunRequest"/>, output <see cref="WorkflowRunResult"/>).</summary>
    public const string WorkflowOrchestrator = "WorkflowOrchestrator";

    /// <summary>The one activity that runs every I/O node through its executor (input <c>NodeExecutionRequest</c>, output <c>NodeExecutionResult</c>).</summary>
    public const string ExecuteNode = "ExecuteNode";

    /// <summary>Loads a saved workflow's definition for a <c>workflow-node</c> (input <c>WorkflowDefinitionQuery</c>, output <c>StoredWorkflowDefinition</c> or null).</summary>
    public const string LoadWorkflowDefinition = "LoadWorkflowDefinition";
}
