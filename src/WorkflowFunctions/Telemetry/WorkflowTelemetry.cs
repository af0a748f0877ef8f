using System.Diagnostics;

namespace WorkflowFunctions.Telemetry;

/// <summary>
/// The app's trace source and the tag names every node span and log scope carries, so a request, its
/// run, and each node's dependency calls can be found by run, workflow and node ID in Application Insights.
/// </summary>
public static class WorkflowTelemetry
{
    public const string SourceName = "WorkflowFunctions";
    public const string RunId = "workflow.run_id";
    public const string WorkflowId = "workflow.id";
    public const string NodeId = "workflow.node_id";
    public const string NodeType = "workflow.node_type";
    public const string AccountId = "workflow.account_id";

    public static ActivitySource Source { get; } = new(SourceName);
}
