using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Tables;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Orchestration.Replay;
using WorkflowFunctions.Orchestration.Tables;

namespace WorkflowFunctions.Orchestration;

/// <summary>The map-rows node: its rows run in a <see cref="MapRowsOrchestrator"/>, its answers become a column here.</summary>
internal sealed partial class WorkflowRun
{
    /// <summary>The most row errors a map-rows result lists (<c>failed_rows</c> counts them all).</summary>
    private const int ListedRowErrors = 10;

    /// <summary>
    /// Resolves the node's table, runs every row's call in the map-rows orchestration (instance
    /// <c>&lt;runId&gt;:&lt;nodeId&gt;</c>, which the run tells to cancel when it stops), and returns the table with
    /// the answers' column. Each row's call carries only the row and the slice of the run its templates read.
    /// </summary>
    private async Task<NodeOutcome> RunMapRowsAsync(NodeDefinition node, InFlightNode inFlight)
    {
        var scope = Scope;
        if (!MapRowsSpec.TryRead(node.Data, out var spec, out var error)
            || !TableSource.TryResolve(node.Data["table"], scope, out var table, out error))
        {
            return NodeOutcome.Failure($"Map-rows node '{node.Id}': {error}", 0);
        }

        if (_tableLimits.Check(table) is { } tooLarge)
        {
            return NodeOutcome.Failure($"Map-rows node '{node.Id}': {tooLarge}", 0);
        }

        var answers = new MapRowsResult();
        if (table.Rows.Count > 0)
        {
            var instanceId = $"{RunId}:{node.Id}";
            var policy = RowCallPolicy.From(NodeSettings.For(spec.CallType, node.Data, _options));
            var request = new ScheduledInput(_context, () =>
            {
                var slice = scope.Slice(spec.SharedReferences());
                return new MapRowsRequest
                {
                    Call = new MapRowsCall
                    {
                        RunId = RunId,
                        WorkflowId = _request.WorkflowId,
                        AccountId = _request.AccountId,
                        NodeId = node.Id,
                        CallType = spec.CallType,
                        CallData = spec.CallData,
                        Input = slice.Input,
                        Nodes = slice.Nodes,
                        Variables = slice.Variables.Count > 0 ? [.. slice.Variables.Order(StringComparer.Ordinal)] : null,
                        Policy = policy,
                        ContinueOnRowError = spec.ContinueOnRowError,
                    },
                    Rows = table.Rows,
                    Concurrency = Math.Clamp(spec.Concurrency ?? _tables.DefaultConcurrency, 1, Math.Max(1, _tables.MaxConcurrency)),
                    ChunkRows = Math.Max(1, _tables.ChunkRows),
                    ParallelChunks = Math.Max(1, _tables.ParallelChunks),
                };
            });
            inFlight.HelperInstanceId = instanceId;
            try
            {
#pragma warning disable DURABLE2001 // A ScheduledInput is written as the MapRowsRequest it builds.
                answers = await _context.CallSubOrchestratorAsync<MapRowsResult>(
                    FunctionNames.MapRows, request, new SubOrchestrationOptions { InstanceId = instanceId });
#pragma warning restore DURABLE2001
            }
            catch (TaskFailedException ex)
            {
                return NodeOutcome.Failure($"Map-rows node '{node.Id}': {ex.FailureDetails.ErrorMessage}", 1);
            }
        }

        if (answers.Cancelled)
        {
            return NodeOutcome.Failure($"Map-rows node '{node.Id}' was cancelled before every row ran.", 1);
        }

        var rowErrors = new Dictionary<int, string>();
        foreach (var rowError in answers.Errors)
        {
            rowErrors.TryAdd(rowError.Row, rowError.Error);
        }

        if (!spec.TryApply(table, answers.Answers, rowErrors, out var mapped, out var failedRows, out error))
        {
            return NodeOutcome.Failure($"Map-rows node '{node.Id}': {error}", 1);
        }

        if (_tableLimits.Check(mapped) is { } mappedTooLarge)
        {
            return NodeOutcome.Failure($"Map-rows node '{node.Id}': {mappedTooLarge}", 1);
        }

        var result = mapped.ToResult();
        result["cost"] = answers.Cost;
        result["usage"] = new JsonObject { ["input_tokens"] = answers.InputTokens, ["output_tokens"] = answers.OutputTokens };
        result["failed_rows"] = failedRows;
        if (answers.Errors.Count > 0)
        {
            var listed = new JsonArray();
            foreach (var rowError in answers.Errors.Take(ListedRowErrors))
            {
                listed.Add((JsonNode)new JsonObject { ["row"] = rowError.Row, ["error"] = rowError.Error });
            }

            result["row_errors"] = listed;
        }

        return NodeOutcome.Success(result, 1);
    }
}
