namespace WorkflowFunctions.Workflows;

/// <summary>
/// One reachable node of a compiled definition, as its plan orders it: its id, its type and the reachable nodes it
/// waits for. What an API needs to list a run's nodes before they have run (their order and kinds).
/// </summary>
public sealed record PlannedNode(string Id, string Type, IReadOnlyList<string> Predecessors);
