using System.Text.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Access;
using WorkflowFunctions.Api.Native;
using WorkflowFunctions.Engine.Inputs;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Storage.Runs;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Runs;

/// <summary>
/// Starts one run: checks the definition and the input (422 with every problem), records the run in the index,
/// then schedules its orchestration with the run ID as instance ID. The index row is written first so no
/// scheduled run is missing from history; if scheduling fails the row is closed as failed.
/// </summary>
public sealed class RunStarter(RunIndex index, TimeProvider time, IOptions<OrchestrationOptions> orchestration)
{
    /// <summary>Checks the definition and input; the problem to answer, or null with the validated input.</summary>
    public static IActionResult? Check(PreparedWorkflow workflow, JsonNode? input, out JsonNode validated)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        validated = new JsonObject();
        if (CheckDefinition(workflow) is { } invalid)
        {
            return invalid;
        }

        var result = RunInputValidator.Validate(workflow.InputFields, RunInput.FromJson(input));
        if (!result.IsValid)
        {
            return ApiErrors.Unprocessable(
                "Invalid input",
                $"The input has {result.Problems.Count} problem(s); the first: {result.Problems[0].Message}",
                result.Problems.Select(p => new { field = p.FieldId, code = p.Code, message = p.Message, path = p.Path }));
        }

        validated = result.Input ?? new JsonObject();
        return null;
    }

    /// <summary>A 422 with every finding when the definition has errors (a draft, or a version saved under older rules), else null.</summary>
    public static ContentResult? CheckDefinition(PreparedWorkflow workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.Report.HasErrors
            ? ApiErrors.Unprocessable(
                "Invalid workflow",
                $"The workflow has {workflow.Report.Errors.Count} error(s); the first: {workflow.Report.Errors[0].Message}",
                workflow.Report.Findings.Select(FindingView.From))
            : null;
    }

    /// <summary>The run timeout in seconds, or a 400 naming the limit.</summary>
    public IActionResult? CheckTimeout(int? timeoutSeconds) =>
        timeoutSeconds is { } t && (t < 1 || t > orchestration.Value.MaxRunTimeoutSeconds)
            ? ApiErrors.BadRequest($"'timeout_seconds' must be between 1 and {orchestration.Value.MaxRunTimeoutSeconds}.")
            : null;

    /// <summary>
    /// Records and schedules the run. The run, or (with the run closed as failed in the index) a 413 when the engine
    /// refuses its orchestration input as too large: a definition near the body limit, or one whose non-ASCII text
    /// grows when it is serialized, can exceed the engine's message size although the request was within limits.
    /// </summary>
    public async Task<(RunRecord? Run, ContentResult? Refused)> StartAsync(DurableTaskClient client, Caller caller, string? workflowId, int? version, JsonElement definition, JsonNode input, int? timeoutSeconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(caller);
        var record = new RunRecord
        {
            AccountId = caller.AccountId,
            RunId = Guid.NewGuid().ToString("N"),
            WorkflowId = workflowId,
            Version = version,
            Status = RunStatuses.Queued,
            CreatedAt = time.GetUtcNow(),
        };
        await index.RecordQueuedAsync(record, cancellationToken).ConfigureAwait(false);
        var request = new WorkflowRunRequest
        {
            AccountId = caller.AccountId,
            WorkflowId = workflowId ?? string.Empty,
            Version = version ?? 0,
            Definition = definition,
            Input = JsonSerializer.SerializeToElement(input),
            Options = new RunOptions { TimeoutSeconds = timeoutSeconds },
            Index = new RunIndexEntry { CreatedAt = record.CreatedAt },
        };
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(FunctionNames.WorkflowOrchestrator, request, new StartOrchestrationOptions(record.RunId), cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted)
        {
            await index.RecordCompletedAsync(record with { Status = RunStatuses.Failed, CompletedAt = time.GetUtcNow(), Error = "The run was too large to schedule." }, CancellationToken.None).ConfigureAwait(false);
            return (null, ApiResponses.Problem(413, "Payload Too Large", "The run's definition and input are too large for the durable engine to schedule; nothing was started. Shorten the definition or the input (non-ASCII text counts up to six bytes a character once serialized)."));
        }
        catch
        {
            await index.RecordCompletedAsync(record with { Status = RunStatuses.Failed, CompletedAt = time.GetUtcNow(), Error = "The run could not be scheduled." }, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return (record, null);
    }
}
