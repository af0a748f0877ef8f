
namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>Durable function names, shared by the Functions app and the LocalHost.</summary>
public static class FunctionNames
{
    /// <summary>The orchestrator of one workflow run (input <see cref="WorkflowRunRequest"/>, output <see cref="WorkflowRunResult"/>).</summary>
    public const string WorkflowOrchestrator = "WorkflowOrchestrator";

    /// <summary>
    /// The one activity that runs every I/O node through its executor (input <c>NodeExecutionRequest</c>, output <c>NodeExecutionResult</c>).
    /// </summary>
    public const string ExecuteNode = "ExecuteNode";

    /// <summary>
    /// Loads a saved workflow's definition for a <c>workflow-node</c> (input <c>WorkflowDefinitionQuery</c>, output
    /// <c>StoredWorkflowDefinition</c> or null).
    /// </summary>
    public const string LoadWorkflowDefinition = "LoadWorkflowDefinition";

    /// <summary>
    /// Records a finished run in the run index, wakes requests waiting for it and frees its concurrency slot (input
    /// <c>RunCompletion</c>; output the runs its slot went to, when it had one).
    /// </summary>
    public const string RecordRunCompletion = "RecordRunCompletion";

    /// <summary>
    /// Activity: writes a large run result to the result store in one blob and returns where. No longer called (a
    /// result crossed the engine as one message); kept registered for orchestrations that called it before, on replay.
    /// </summary>
    public const string StoreRunResult = "StoreRunResult";

    /// <summary>Activity: writes one part of a large run result's JSON to the result store (input <c>StoreRunResultPartRequest</c>).</summary>
    public const string StoreRunResultPart = "StoreRunResultPart";

    /// <summary>Claims a concurrency slot of the run's workflow, or its place in line (input <c>RunSlotClaim</c>, output <c>RunSlotGrant</c>).</summary>
    public const string ClaimRunSlot = "ClaimRunSlot";

    /// <summary>Runs every row of a map-rows node in chunks (input <c>MapRowsRequest</c>, output <c>MapRowsResult</c>).</summary>
    public const string MapRows = "MapRows";

    /// <summary>Runs one chunk of a map-rows node's rows, one <see cref="ExecuteNode"/> per row (input <c>MapRowsChunkRequest</c>).</summary>
    public const string MapRowsChunk = "MapRowsChunk";

    /// <summary>The orchestrator of one batch (input <c>BatchRunRequest</c>): runs its items through <see cref="BatchSegment"/>s.</summary>
    public const string BatchOrchestrator = "BatchOrchestrator";

    /// <summary>Runs a contiguous slice of a batch's items with the batch's concurrency cap (input <c>BatchSegmentRequest</c>).</summary>
    public const string BatchSegment = "BatchSegment";

    /// <summary>Loads the next items of a batch and indexes them as started (input <c>BatchItemsQuery</c>).</summary>
    public const string StartBatchItems = "StartBatchItems";

    /// <summary>Marks a batch finished, cancelling items that never started (input <c>BatchCompletion</c>).</summary>
    public const string CompleteBatch = "CompleteBatch";
}
