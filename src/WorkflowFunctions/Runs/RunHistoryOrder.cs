namespace WorkflowFunctions.Runs;

/// <summary>How a numbered page of a workflow's run history is sorted.</summary>
public enum RunHistoryOrder
{
    /// <summary>Newest first (the run index's own order).</summary>
    NewestFirst,

    /// <summary>Oldest first.</summary>
    OldestFirst,

    /// <summary>Lowest total cost first; runs without a cost yet (not finished) last, ties newest first.</summary>
    CheapestFirst,

    /// <summary>Highest total cost first; runs without a cost yet (not finished) last, ties newest first.</summary>
    CostliestFirst,
}
