namespace WorkflowFunctions.Engine.Scheduling;

/// <summary>What one scheduler transition produced: nodes that became ready, and nodes that became skipped.</summary>
public sealed record SchedulerStep(IReadOnlyList<string> Ready, IReadOnlyList<string> Skipped);
