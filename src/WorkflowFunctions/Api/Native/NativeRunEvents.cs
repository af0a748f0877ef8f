using System.Globalization;
using System.Text.Json;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Api.Native.Contracts;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Serialization;
using WorkflowFunctions.Storage.Runs;

namespace WorkflowFunctions.Api.Native;

/// <summary>
/// Run events in the native API's words: <c>id:</c> the sequence number, <c>event:</c> the type
/// (<c>run.queued</c>, <c>node.succeeded</c>, ...), <c>data:</c> a <see cref="RunEventView"/>. A node result larger
/// than <c>Api__EventResultInlineBytes</c>, or one this reader cannot read yet, is left to its <c>result_url</c>.
/// </summary>
public static class NativeRunEvents
{
    /// <summary>How long a client waits before reconnecting after a stream reached its time limit.</summary>
    public const int ReconnectMs = 1000;

    public static string TypeName(RunEventType type) => type switch
    {
        RunEventType.RunQueued => "run.queued",
        RunEventType.RunStarted => "run.started",
        RunEventType.NodeStarted => "node.started",
        RunEventType.NodeWaiting => "node.waiting",
        RunEventType.NodeRetrying => "node.retrying",
        RunEventType.NodeSucceeded => "node.succeeded",
        RunEventType.NodeFailed => "node.failed",
        RunEventType.NodeSkipped => "node.skipped",
        RunEventType.NodeCancelled => "node.cancelled",
        RunEventType.RunOutput => "run.output",
        RunEventType.RunSucceeded => "run.succeeded",
        RunEventType.RunFailed => "run.failed",
        RunEventType.RunCancelled => "run.cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown event type."),
    };

    public static ServerSentEvent ToMessage(RunEvent run, int inlineResultBytes)
    {
        ArgumentNullException.ThrowIfNull(run);
        var view = View(run, inlineResultBytes);
        return new ServerSentEvent(run.Seq.ToString(CultureInfo.InvariantCulture), view.Type, JsonSerializer.Serialize(view, NativeDialect.JsonOptions));
    }

    public static RunEventView View(RunEvent run, int inlineResultBytes)
    {
        ArgumentNullException.ThrowIfNull(run);
        var view = new RunEventView(run.Seq, TypeName(run.Type), run.RunId, run.At)
        {
            WorkflowId = run.WorkflowId,
            Version = run.Version,
            BatchId = run.BatchId,
            BatchIndex = run.BatchIndex,
            ParentRunId = run.ParentRunId,
            NodeId = run.NodeId,
            NodeType = run.NodeType,
            StartedAt = run.StartedAt,
            DurationMs = run.StartedAt is { } started && run.NodeId is not null && run.Type != RunEventType.NodeStarted
                ? (long)(run.At - started).TotalMilliseconds
                : null,
            Attempt = run.Attempt,
            NextAttemptAt = run.NextAttemptAt,
            Error = run.Error ?? run.RunError?.Message,
            ErrorNodeId = run.RunError?.NodeId,
            ChildRunId = run.ChildRunId,
            Output = run.Output,
            Outputs = run.Outputs,
            Metrics = run.Metrics,
        };
        if (run.IsTerminal)
        {
            view = view with { Status = RunStatuses.Of(run.Type switch
            {
                RunEventType.RunSucceeded => Engine.Execution.RunStatus.Succeeded,
                RunEventType.RunCancelled => Engine.Execution.RunStatus.Cancelled,
                _ => Engine.Execution.RunStatus.Failed,
            }) };
        }

        if (run.Type == RunEventType.NodeSucceeded)
        {
            var inline = run.Result is { } result && JsonSerializer.SerializeToUtf8Bytes(result, DurablePayloadJson.Options).Length <= inlineResultBytes;
            view = view with
            {
                Result = inline ? run.Result : null,
                ResultUrl = NativeLinks.NodeResult(run.RunId, run.NodeId!),
                Cost = run.Result?["cost"]?.DeepClone(),
                Usage = run.Result?["usage"]?.DeepClone(),
            };
        }

        return view;
    }

    /// <summary>The message a stream that reached its time limit ends with: no id, so the client's last id stays its own.</summary>
    public static ServerSentEvent Reconnect(string runId, string? lastId)
    {
        var after = int.TryParse(lastId, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : 0;
        var view = new ReconnectView(
            "reconnect",
            after,
            NativeLinks.RunEvents(runId) + "?after=" + after.ToString(CultureInfo.InvariantCulture),
            "The stream reached its time limit; reconnect with the last event id.");
        return new ServerSentEvent(null, "reconnect", JsonSerializer.Serialize(view, NativeDialect.JsonOptions)) { RetryMs = ReconnectMs };
    }
}
