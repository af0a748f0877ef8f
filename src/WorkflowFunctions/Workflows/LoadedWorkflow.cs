using WorkflowFunctions.Storage.Workflows;

namespace WorkflowFunctions.Workflows;

/// <summary>A saved workflow, one of its versions, and that version's prepared definition.</summary>
public sealed record LoadedWorkflow(WorkflowRecord Workflow, WorkflowVersionRecord Version, PreparedWorkflow Prepared);
