using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Serialization;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// Builds the custom status. Node states always go in; finished results are added in completion order while
/// the serialized status stays within the budget, and the rest are named in <c>omitted_results</c>, so a run
/// whose nodes return 100 KB each still reports every node's state.
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

        var progress = new WorkflowRunProgress { Status = status, StartedAt = startedAt, Nodes = nodes, ChildRuns = childRuns };
        var used = Measure(progress);
        var results = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var omitted = new List<string>();
        foreach (var entry in ledger.Succeeded)
        {
            var idBytes = Encoding.UTF8.GetByteCount(entry.Id) + EntryOverhead;
            if (entry.Result is { } result && used + idBytes + entry.ResultBytes <= budgetBytes)
            {
                results[entry.Id] = result;
                used += idBytes + entry.ResultBytes;
            }
            else
            {
                omitted.Add(entry.Id);
                used += idBytes;
            }
        }

        progress = progress with { Results = results, OmittedResults = omitted };

        // The estimate above ignores escaping differences; the exact size decides.
        while (results.Count > 0 && Measure(progress) > budgetBytes)
        {
            var last = ledger.Succeeded.Last(e => results.ContainsKey(e.Id)).Id;
            results.Remove(last);
            omitted.Add(last);
        }

        return progress;
    }

    /// <summary>The status's size as the worker writes it (<see cref="DurablePayloadJson"/>).</summary>
    public static int Measure(WorkflowRunProgress progress) => JsonSerializer.SerializeToUtf8Bytes(progress, DurablePayloadJson.Options).Length;
}
