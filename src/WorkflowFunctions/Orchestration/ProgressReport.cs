using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Serialization;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// Builds the custom status. Node states and the sequence number always go in, then the nodes' timelines (their
/// events with times) and the errors of nodes that ended failed or cancelled, when all of that fits the budget; finished results are added newest first
/// while the serialized status stays within the budget, and the rest are named in <c>omitted_results</c>, so a run
/// whose nodes return 100 KB each still reports every node's state. Newest first, because a live reader (the event
/// feed, a polling client) has seen the older results already, while the latest it has not.
/// </summary>
internal static class ProgressReport
{
    // Quotes, colon and comma around each result entry.
    private const int EntryOverhead = 4;

    public static WorkflowRunProgress Build(RunStatus status, DateTime? startedAt, NodeLedger ledger, int budgetBytes)
    {
        var nodes = new Dictionary<string, NodeStatus>(StringComparer.Ordinal);
        var childRuns = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in ledger.Entries)
        {
            nodes[entry.Id] = entry.Status;
            if (entry.ChildRunId is { } child)
            {
                childRuns[entry.Id] = child;
            }
        }

        var progress = new WorkflowRunProgress { Status = status, StartedAt = startedAt, Nodes = nodes, ChildRuns = childRuns, Seq = ledger.LastSeq };
        var withTimeline = progress with { Timeline = ledger.Timelines(), Errors = Errors(ledger) };
        var used = Measure(withTimeline);
        if (used <= budgetBytes)
        {
            progress = withTimeline;
        }
        else
        {
            used = Measure(progress);
        }

        var chosen = new HashSet<string>(StringComparer.Ordinal);
        var omitted = new List<string>();
        for (var i = ledger.Succeeded.Count - 1; i >= 0; i--)
        {
            var entry = ledger.Succeeded[i];
            var idBytes = Encoding.UTF8.GetByteCount(entry.Id) + EntryOverhead;
            if (entry.Result is not null && used + idBytes + entry.ResultBytes <= budgetBytes)
            {
                chosen.Add(entry.Id);
                used += idBytes + entry.ResultBytes;
            }
            else
            {
                omitted.Add(entry.Id);
                used += idBytes;
            }
        }

        var results = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var entry in ledger.Succeeded)
        {
            if (chosen.Contains(entry.Id))
            {
                results[entry.Id] = entry.Result!;
            }
        }

        omitted.Reverse();
        progress = progress with { Results = results, OmittedResults = omitted };

        // The estimate above ignores escaping differences; the exact size decides, dropping the oldest chosen first.
        while (results.Count > 0 && Measure(progress) > budgetBytes)
        {
            var oldest = ledger.Succeeded.First(e => results.ContainsKey(e.Id)).Id;
            results.Remove(oldest);
            omitted.Add(oldest);
        }

        return progress;
    }

    private static Dictionary<string, string> Errors(NodeLedger ledger)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in ledger.Entries)
        {
            if (entry.Error is { } error && entry.EndMark is not null)
            {
                errors[entry.Id] = RetryMark.Shorten(error);
            }
        }

        return errors;
    }

    /// <summary>The status's size as the worker writes it (<see cref="DurablePayloadJson"/>).</summary>
    public static int Measure(WorkflowRunProgress progress) => JsonSerializer.SerializeToUtf8Bytes(progress, DurablePayloadJson.Options).Length;
}
