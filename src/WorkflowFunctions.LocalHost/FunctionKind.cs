namespace WorkflowFunctions.LocalHost;

/// <summary>What triggers a <c>[Function]</c> method.</summary>
public enum FunctionKind
{
    Http = 0,
    Orchestration = 1,
    Activity = 2,
}
