using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Serialization;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// Turns the ledger into the run's output: per-node records, output node results, the primary output, metrics, and
/// the nodes' timelines with the sequence number of the run's terminal event. The ledger keeps node results within
/// the run's result limit; should the primary output take the whole past it, the run fails and its results are left
/// out, so the output never grows past the limit.
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
        Func<string, bool> hasSuccessors,
        long maxResultBytes = long.MaxValue,
        RunBudgetAccount? budget = null)
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

        var (primaryId, primary) = Primary(outputNodes, outputs, ledger, hasSuccessors);
        var output = primary?["content"]?.DeepClone();
        var total = ledger.ResultBytes + (output is null ? 0 : JsonSerializer.SerializeToUtf8Bytes(output, DurablePayloadJson.Options).Length);
        if (total > maxResultBytes)
        {
            if (status == RunStatus.Succeeded)
            {
                status = RunStatus.Failed;
                error = new RunError(null, string.Create(
                    CultureInfo.InvariantCulture,
                    $"The run's result would take {total:N0} bytes, more than {maxResultBytes:N0}, the limit of one run's result; node results are left out."));
            }

            foreach (var id in nodes.Keys.ToList())
            {
                nodes[id] = nodes[id] with { Result = null };
            }

            outputs.Clear();
            output = null;
            primary = null;
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
            Output = output,
            PrimaryNodeId = primary is null ? null : primaryId,
            Error = error,
            Metrics = Metrics(ledger, startedAt, completedAt) with
            {
                SubRuns = budget?.SubRunsUsed ?? 0,
                NodeExecutions = budget?.NodeExecutionsUsed ?? 0,
            },
            ChildRuns = childRuns,
            Timeline = ledger.Timelines(),
        };

        // The feed ends with the run's output (when it has one), then its terminal event.
        return run with { Seq = ledger.LastSeq + (run.HasOutput ? 2 : 1) };
    }

    /// <summary>The first succeeded output node and its result; without output nodes, the last finished leaf.</summary>
    private static (string? Id, JsonObject? Result) Primary(
        IReadOnlyList<string> outputNodes,
        Dictionary<string, JsonObject> outputs,
        NodeLedger ledger,
        Func<string, bool> hasSuccessors)
    {
        if (outputNodes.Count > 0)
        {
            var first = outputNodes.FirstOrDefault(outputs.ContainsKey);
            return first is null ? (null, null) : (first, outputs[first]);
        }

        var leaf = ledger.Succeeded.LastOrDefault(e => !hasSuccessors(e.Id));
        return (leaf?.Id, leaf?.Result);
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
