using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Api.Dialects.ScriptSo.Contracts;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Engine.Inputs;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.Batches;
using WorkflowFunctions.Storage.Workflows;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Api.Dialects.ScriptSo;

/// <summary>
/// Reference 004's shapes from the application layer's records, with no I/O: workflows under their UUIDs (names are
/// titles), execution starts, executions with their status words and result files, batches.
/// </summary>
public static class ScriptSoMapper
{
    /// <summary>The file name of a run's result, as the document's example names it.</summary>
    public const string ResultFileName = "result.json";

    /// <summary>A workflow's id in this API: its UUID (a workflow id this service did not mint keeps its own id, which is accepted too).</summary>
    public static string WorkflowId(WorkflowRecord workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.Uuid ?? workflow.Id;
    }

    /// <summary>The same for a workflow known by its native id.</summary>
    public static string WorkflowId(string nativeId) => WorkflowUuids.Of(nativeId) ?? nativeId;

    public static WorkflowSummaryView Summary(WorkflowRecord workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return new WorkflowSummaryView(WorkflowId(workflow), workflow.Title, workflow.CreatedAt, workflow.UpdatedAt);
    }

    /// <summary>A page of workflows with the cursor of the next page, null on the last.</summary>
    public static WorkflowPageView Page(Page<WorkflowRecord> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new WorkflowPageView([.. page.Items.Select(Summary)], QueryParameters.EncodeCursor(page.Next));
    }

    /// <summary>A workflow with the JSON Schema of its latest version's input (a draft without fields accepts any object).</summary>
    public static WorkflowView Workflow(LoadedWorkflow loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var w = loaded.Workflow;
        return new WorkflowView(WorkflowId(w), w.Title, w.Description, w.CreatedAt, w.UpdatedAt, InputSchema.Derive(loaded.Prepared.InputFields));
    }

    /// <summary>A run just started: it waits to start, so it is <c>initial</c>.</summary>
    public static ExecutionCreatedView Created(StartedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new ExecutionCreatedView(run.RunId, WorkflowId(run.WorkflowId!), ScriptSoStatuses.Initial, run.CreatedAt);
    }

    /// <summary>
    /// An execution of <paramref name="workflowId"/> (this API's id). <c>results</c> lists the result file once it has
    /// <c>finished</c> and <paramref name="resultFileUrl"/> is known, else it is empty; an execution in <c>error</c>
    /// says why.
    /// </summary>
    public static ExecutionView Execution(RunSnapshot run, string workflowId, string? resultFileUrl)
    {
        ArgumentNullException.ThrowIfNull(run);
        var status = ScriptSoStatuses.Of(run.Status);
        IReadOnlyList<ResultFileView> results =
            status == ScriptSoStatuses.Finished && resultFileUrl is not null ? [new ResultFileView(ResultFileName, resultFileUrl)] : [];
        return new ExecutionView(run.Id, workflowId, status, run.CreatedAt, results)
        {
            Error = status == ScriptSoStatuses.Error ? run.Error?.Message ?? WhyEnded(run.Status) : null,
        };
    }

    // An execution in error whose run says nothing of why.
    private static string WhyEnded(RunStatus status) => status == RunStatus.Cancelled ? "The execution was cancelled." : "The execution failed.";

    /// <summary>A batch just created: one execution per item, by index, each readable at once (<c>initial</c> until it starts).</summary>
    public static BatchCreatedView Batch(BatchRecord batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var executions = Enumerable.Range(0, batch.Total).Select(i => new BatchExecutionView(RunIds.BatchItem(batch.Id, i), i)).ToList();
        return new BatchCreatedView(WorkflowId(batch.WorkflowId), batch.Total, executions);
    }
}
