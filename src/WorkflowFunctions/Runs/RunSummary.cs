using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Storage.Runs;

namespace WorkflowFunctions.Runs;

/// <summary>A history row with the status to show: the index's for runs that ended, the live one for the others.</summary>
public sealed record RunSummary(RunRecord Record, RunStatus Status);
