namespace WorkflowFunctions.Orchestration;

/// <summary>Durable function names, shared by the Functions app and the LocalHost.</summary>
public static class FunctionNames
{
    public const string WorkflowOrchestrator = "WorkflowOrchestrator";
}
