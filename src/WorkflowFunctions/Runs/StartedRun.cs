namespace WorkflowFunctions.Runs;

/// <summary>A run just accepted: its id, what it runs, and when it was created.</summary>
public sealed record StartedRun(string RunId, string? WorkflowId, int? Version, DateTimeOffset CreatedAt);
