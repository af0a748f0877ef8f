using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// What a client (the HTTP layer) calls to steer a running workflow: cancel it, or decide an approval node.
/// Both raise the external events the orchestrator listens for (<see cref="RunEvents"/>), so the run itself
/// records which nodes were cancelled or approved.
/// </summary>
public static class RunControl
{
    /// <summary>
    /// Cancels a run by raising <see cref="RunEvents.Cancel"/>: the orchestrator stops, reports unfinished nodes as
    /// <c>cancelled</c> and completes with status <c>cancelled</c> and the reason. With <paramref name="terminateAfter"/>,
    /// waits that long for the run to finish and terminates it (with its sub-runs) if it has not, e.g. when it is
    /// stuck in replay; a terminated run has no output, so clients see only the runtime status and the reason.
    /// A zero <paramref name="terminateAfter"/> terminates at once, without the event.
    /// </summary>
    public static async Task<RunControlOutcome> CancelAsync(
        DurableTaskClient client,
        string runId,
        string? reason,
        TimeSpan? terminateAfter = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instance = await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken);
        if (instance is null)
        {
            return RunControlOutcome.NotFound;
        }

        if (instance.IsCompleted)
        {
            return RunControlOutcome.AlreadyFinished;
        }

        if (terminateAfter == TimeSpan.Zero)
        {
            await client.TerminateInstanceAsync(runId, new TerminateInstanceOptions(reason ?? "Cancelled", Recursive: true), cancellationToken);
            return RunControlOutcome.Terminated;
        }

        await client.RaiseEventAsync(runId, RunEvents.Cancel, new RunCancellation(reason), cancellationToken);
        if (terminateAfter is not { } grace)
        {
            return RunControlOutcome.Sent;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(grace);
        try
        {
            await client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: false, wait.Token);
            return RunControlOutcome.Cancelled;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await client.TerminateInstanceAsync(runId, new TerminateInstanceOptions(reason ?? "Cancelled", Recursive: true), cancellationToken);
            return RunControlOutcome.Terminated;
        }
    }

    /// <summary>
    /// Approves or rejects an approval node that is waiting (its state in the custom status is <c>waiting</c>)
    /// by raising <c>approval:&lt;nodeId&gt;</c> with <see cref="ApprovalDecision"/>.
    /// </summary>
    public static async Task<RunControlOutcome> ApproveAsync(
        DurableTaskClient client,
        string runId,
        string nodeId,
        bool approved,
        JsonNode? data = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instance = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return RunControlOutcome.NotFound;
        }

        if (instance.IsCompleted)
        {
            return RunControlOutcome.AlreadyFinished;
        }

        var progress = instance.ReadCustomStatusAs<WorkflowRunProgress>();
        if (progress is null || !progress.Nodes.TryGetValue(nodeId, out var state) || state != NodeStatus.Waiting)
        {
            return RunControlOutcome.NotWaiting;
        }

        await client.RaiseEventAsync(runId, RunEvents.Approval(nodeId), new ApprovalDecision(approved, data), cancellationToken);
        return RunControlOutcome.Sent;
    }
}
