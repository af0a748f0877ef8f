using System.Globalization;
using System.Text.Json;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Api.Native.Contracts;
using WorkflowFunctions.Batches;
using WorkflowFunctions.Storage.Runs;

namespace WorkflowFunctions.Api.Native;

/// <summary>Batch events in the native API's words: <c>batch.started</c>, <c>item.finished</c>, <c>batch.completed</c>, <c>batch.cancelled</c>.</summary>
public static class NativeBatchEvents
{
    public static string TypeName(BatchEventType type) => type switch
    {
        BatchEventType.BatchStarted => "batch.started",
        BatchEventType.ItemFinished => "item.finished",
        BatchEventType.BatchCompleted => "batch.completed",
        BatchEventType.BatchCancelled => "batch.cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown event type."),
    };

    public static ServerSentEvent ToMessage(BatchEvent batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var c = batch.Counts;
        var view = new BatchEventView(
            batch.Seq,
            TypeName(batch.Type),
            batch.BatchId,
            new BatchEventCountsView(c.Total, c.Finished, c.Succeeded, c.Failed, c.Cancelled))
        {
            At = batch.At,
            RunId = batch.RunId,
            Index = batch.Index,
            Status = batch.Status is { } status ? RunStatuses.Of(status) : null,
        };
        return new ServerSentEvent(batch.Seq.ToString(CultureInfo.InvariantCulture), view.Type, JsonSerializer.Serialize(view, NativeDialect.JsonOptions));
    }

    public static ServerSentEvent Reconnect(string batchId, string? lastId)
    {
        var after = int.TryParse(lastId, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : 0;
        var view = new ReconnectView(
            "reconnect",
            after,
            NativeLinks.BatchEvents(batchId) + "?after=" + after.ToString(CultureInfo.InvariantCulture),
            "The stream reached its time limit; reconnect with the last event id.");
        return new ServerSentEvent(null, "reconnect", JsonSerializer.Serialize(view, NativeDialect.JsonOptions)) { RetryMs = NativeRunEvents.ReconnectMs };
    }
}
