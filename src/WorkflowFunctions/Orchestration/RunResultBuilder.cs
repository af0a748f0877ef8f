using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// Turns the ledger into the run's output: per-node records, output node results, the primary output, metrics, and
/// the nodes' timelines with the sequence number of the run's terminal event.
/// </summary>
internal static class RunResultBuilder
{
    public static WorkflowRunResult Build(
        string runId,
        WorkflowRunRequest request,
        RunStatus status,
        RunError? error,
        DateTime startedAt,
        DateTime completedAt,
        NodeLedger ledger,
        IReadOnlyList<string> outputNodes,
        Func<string, bool> hasSuccessors)
    {
        var nodes = new Dictionary<string, NodeRunRecord>(StringComparer.Ordinal);
        var childRuns = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in ledger.Entries)
        {
            nodes[entry.Id] = entry.ToRecord();
            if (entry.ChildRunId is { } child)
            {
                childRuns[entry.Id] = child;
            }
        }

        var outputs = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var id in outputNodes)
        {
            if (nodes.TryGetValue(id, out var record) && record.Status == NodeStatus.Succeeded && record.Result is { } result)
            {
                outputs[id] = result;
            }
        }

        var run = new WorkflowRunResult
        {
            RunId = runId,
            WorkflowId = request.WorkflowId,
            Version = request.Version,
            Status = status,
            StartedAt = startedAt,
            CompletedAt = completedAt,
            Nodes = nodes,
            Outputs = outputs,
            Output = PrimaryOutput(outputNodes, outputs, ledger, hasSuccessors),
            Error = error,
            Metrics = Metrics(ledger, startedAt, completedAt),
            ChildRuns = childRuns,
            Timeline = ledger.Timelines(),
        };

        // The feed ends with the run's output (when it has one), then its terminal event.
        return run with { Seq = ledger.LastSeq + (run.HasOutput ? 2 : 1) };
    }

    /// <summary>The first succeeded output node's content; without output nodes, the last finished leaf's.</summary>
    private static JsonNode? PrimaryOutput(
        IReadOnlyList<string> outputNodes,
        Dictionary<string, JsonObject> outputs,
        NodeLedger ledger,
        Func<string, bool> hasSuccessors)
    {
        if (outputNodes.Count > 0)
        {
            var first = outputNodes.FirstOrDefault(outputs.ContainsKey);
            return first is null ? null : outputs[first]["content"]?.DeepClone();
        }

        var leaf = ledger.Succeeded.LastOrDefault(e => !hasSuccessors(e.Id));
        return leaf?.Result?["content"]?.DeepClone();
    }

    private static RunMetrics Metrics(NodeLedger ledger, DateTime startedAt, DateTime completedAt)
    {
        decimal cost = 0;
        long inputTokens = 0;
        long outputTokens = 0;
        foreach (var entry in ledger.Succeeded)
        {
            cost += Number(entry.Result?["cost"]) ?? 0;
            var usage = entry.Result?["usage"] as JsonObject;
            inputTokens += (long)(Number(usage?["input_tokens"]) ?? 0);
            outputTokens += (long)(Number(usage?["output_tokens"]) ?? 0);
        }

        return new RunMetrics
        {
            DurationMs = (long)(completedAt - startedAt).TotalMilliseconds,
            TotalCost = cost,
            InputTokens = inputTokens,
            OutputTokens = outputTokens,
        };
    }

    // Parsed from the JSON text: a JsonValue built from a double does not convert to decimal directly.
    private static decimal? Number(JsonNode? node) =>
        node is JsonValue value
        && value.GetValueKind() == JsonValueKind.Number
        && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}
