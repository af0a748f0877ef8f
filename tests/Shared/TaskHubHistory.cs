using Azure.Data.Tables;

namespace WorkflowFunctions.Testing;

/// <summary>
/// Reads the History table of a DTFx Azure Storage task hub (<c>{hub}History</c>): one row per history event,
/// partitioned by instance ID, plus one <c>sentinel</c> row per instance that is not an event. Linked into the
/// LocalHost tests and the benchmarks, which read what a LocalHost process left there (also after killing it).
/// </summary>
internal static class TaskHubHistory
{
    /// <summary>One history event: its instance, type (<c>TaskCompleted</c>, ...) and, for a completed task, its result text.</summary>
    public sealed record Event(string InstanceId, string EventType, string? Result);

    /// <summary>The number of events in each instance's history, by instance ID.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> CountAsync(string connectionString, string hub)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in Table(connectionString, hub).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            if (row.RowKey != "sentinel")
            {
                counts[row.PartitionKey] = counts.GetValueOrDefault(row.PartitionKey) + 1;
            }
        }

        return counts;
    }

    /// <summary>The events of one type in every instance's history.</summary>
    public static async Task<IReadOnlyList<Event>> EventsAsync(string connectionString, string hub, string eventType)
    {
        var events = new List<Event>();
        var rows = Table(connectionString, hub).QueryAsync<TableEntity>(
            filter: TableClient.CreateQueryFilter($"EventType eq {eventType}"), select: ["PartitionKey", "EventType", "Result"]);
        await foreach (var row in rows)
        {
            events.Add(new Event(row.PartitionKey, row.GetString("EventType"), row.GetString("Result")));
        }

        return events;
    }

    private static TableClient Table(string connectionString, string hub) => new(connectionString, hub + "History");
}
