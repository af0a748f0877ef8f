namespace WorkflowFunctions.Storage.Batches;

/// <summary>One item of a batch: its run ID, position, status and (when loaded) input JSON.</summary>
public sealed record BatchItem(int Index, string RunId, string Status, string? Input);
