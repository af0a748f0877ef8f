using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Engine.Templates;
using WorkflowFunctions.Nodes;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Orchestration.Replay;

namespace WorkflowFunctions.Orchestration;

/// <summary>The node tasks. Each returns a <see cref="NodeOutcome"/> and never throws; the main loop applies it.</summary>
internal sealed partial class WorkflowRun
{
    private JsonNode? _input;
    private bool _inputParsed;

    private JsonNode? Input
    {
        get
        {
            if (!_inputParsed)
            {
                _input = _request.Input is { } input ? JsonNode.Parse(input.GetRawText()) : null;
                _inputParsed = true;
            }

            return _input;
        }
    }

    /// <summary>
    /// Runs an I/O node through <c>ExecuteNode</c> with the node's retry policy. The node's timeout applies to each
    /// attempt and is enforced by the activity itself (see <see cref="NodeActivities"/>), so no durable timer is
    /// created per node: such a timer stays in the task hub after the node finishes and, in a run still in progress
    /// when it fires, costs a whole replay for nothing. A run that outlives everything is stopped by the run timer.
    /// </summary>
    private async Task<NodeOutcome> RunActivityAsync(NodeDefinition node)
    {
        var settings = NodeSettings.For(node.Type, node.Data, _options);
        var retries = 0;
        var request = new ScheduledInput(_context, () => new NodeExecutionRequest
        {
            RunId = RunId,
            WorkflowId = _request.WorkflowId,
            AccountId = _request.AccountId,
            NodeId = node.Id,
            NodeType = node.Type,
            Node = node.Data,
            Input = Input,
            Nodes = ReferencedResults(node),
            Variables = _compiled.ReferencedVariables(node.Id),
            TimeoutSeconds = settings.Timeout.TotalSeconds,
            MaxRenderedTemplateBytes = _options.MaxRenderedTemplateBytes,
        });
#pragma warning disable DURABLE2001 // A ScheduledInput is written as the NodeExecutionRequest it builds.
        var activity = _context.CallActivityAsync<NodeExecutionResult>(FunctionNames.ExecuteNode, request, settings.ToTaskOptions(error =>
        {
            retries++;
            var now = _context.CurrentUtcDateTime;
            _ledger.Retry(node.Id, now, now + settings.RetryDelay(retries), error);
            PublishProgress();
        }));
#pragma warning restore DURABLE2001
        try
        {
            var result = await activity;
            return result.Succeeded
                ? NodeOutcome.Success(result.Result ?? new JsonObject { ["content"] = string.Empty }, retries + 1)
                : NodeOutcome.Failure(result.Error ?? "The node failed.", retries + 1);
        }
        catch (TaskFailedException ex)
        {
            return NodeOutcome.Failure(ex.FailureDetails.ErrorMessage, retries + 1);
        }
    }

    /// <summary>Only the finished nodes this node's templates refer to, to keep the activity input small.</summary>
    private Dictionary<string, JsonNode?> ReferencedResults(NodeDefinition node)
    {
        var referenced = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var root in _compiled.ReferencedNodes(node.Id))
        {
            if (_ledger.Scope.TryGetValue(root, out var record))
            {
                referenced[root] = record;
            }
        }

        return referenced;
    }

    /// <summary>
    /// Waits for <c>approval:&lt;nodeId&gt;</c>; with <c>timeout_seconds</c>, a timer that rejects. Approval nodes
    /// have no default timeout: they wait as long as the run may.
    /// </summary>
    private async Task<NodeOutcome> WaitForApprovalAsync(NodeDefinition node, InFlightNode inFlight)
    {
        var token = inFlight.Cancellation.Token;
        try
        {
            var decisionTask = _context.WaitForExternalEvent<ApprovalDecision>(RunEvents.Approval(node.Id), token);
            if (NodeSettings.OwnTimeoutSeconds(node.Data) is { } seconds)
            {
                var timeout = TimeSpan.FromSeconds(seconds);
                var timer = _context.CreateTimer(_context.CurrentUtcDateTime + timeout, token);
                if (await Task.WhenAny(decisionTask, timer) == timer)
                {
                    return timer.IsCanceled || _stopped
                        ? NodeOutcome.Stopped(0)
                        : NodeOutcome.Failure($"Approval timed out after {NodeSettings.Describe(timeout)}: rejected", 0);
                }

                inFlight.Cancellation.Cancel();
            }

            var decision = await decisionTask;
            if (decision is not { Approved: true })
            {
                var detail = decision?.Data is JsonValue v && v.GetValueKind() == JsonValueKind.String ? ": " + v.GetValue<string>() : string.Empty;
                return NodeOutcome.Failure("Rejected" + detail, 0);
            }

            var content = decision.Data switch
            {
                null => "approved",
                JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
                var data => data.ToJsonString(),
            };
            var result = new JsonObject { ["content"] = content, ["approved"] = true, ["data"] = decision.Data?.DeepClone() };
            return NodeOutcome.Success(result, 0);
        }
        catch (OperationCanceledException)
        {
            return NodeOutcome.Stopped(0);
        }
    }

    /// <summary>
    /// Runs a saved workflow as a sub-orchestration with instance ID <c>&lt;runId&gt;:&lt;nodeId&gt;</c>: the definition
    /// is loaded by an activity, <c>data.input</c> is rendered against this run and validated
    /// against the child's input fields, and the child's output becomes the
    /// node's result. The node's <c>timeout_seconds</c> becomes the child's run timeout.
    /// </summary>
    private async Task<NodeOutcome> RunSubWorkflowAsync(NodeDefinition node, InFlightNode inFlight)
    {
        if (_request.Depth + 1 > _options.MaxSubWorkflowDepth)
        {
            return NodeOutcome.Failure($"Sub-workflows may nest at most {_options.MaxSubWorkflowDepth} levels deep.", 0);
        }

        if (ScalarText(node.Data["workflow_id"]) is not { Length: > 0 } workflowId)
        {
            return NodeOutcome.Failure("A workflow-node needs data.workflow_id.", 0);
        }

        // Granted now, while the node's siblings have not started: each share leaves room for them.
        var workflowNodesToStart = 1;
        var nodesToRun = 0;
        foreach (var entry in _ledger.Entries)
        {
            if (entry.Status == NodeStatus.Queued)
            {
                nodesToRun++;
                workflowNodesToStart += entry.Type == NodeTypes.Workflow ? 1 : 0;
            }
        }

        if (_budget.TryGrantSubRun(workflowNodesToStart, nodesToRun) is not { } grant)
        {
            return NodeOutcome.Failure(string.Create(
                CultureInfo.InvariantCulture,
                $"No sub-run is left in the run's budget: a run and its sub-runs may start {_options.MaxSubRunsPerRun:N0} sub-runs in all."), 0);
        }

        inFlight.Grant = grant;
        var outcome = await StartSubRunAsync(node, inFlight, workflowId, grant);
        if (inFlight.Grant is not null)
        {
            // Never started: the sub-run's cost and share come back.
            _budget.Return(grant);
            inFlight.Grant = null;
        }

        return outcome;
    }

    /// <summary>Loads, renders and validates the sub-run's input, then runs it; leaves <see cref="InFlightNode.Grant"/> set when it never started.</summary>
    private async Task<NodeOutcome> StartSubRunAsync(NodeDefinition node, InFlightNode inFlight, string workflowId, RunBudget grant)
    {
        var version = SubWorkflowVersion(node.Data);
        var settings = NodeSettings.For(node.Type, node.Data, _options);
        JsonNode? childInput;
        try
        {
            childInput = PureNodes.RenderJson(node.Data["input"], Scope) ?? new JsonObject();
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return NodeOutcome.Failure("The sub-workflow input could not be rendered: " + ex.Message, 0);
        }
        catch (TemplateOutputTooLargeException ex)
        {
            return NodeOutcome.Failure(TemplateOutputTooLargeException.Describe("The sub-workflow input (data.input)", ex.MaxBytes) + ".", 0);
        }

        StoredWorkflowDefinition? stored;
        try
        {
            // The activity also checks the input against the child's input fields: the child's definition is
            // parsed there once, never here on replay.
            stored = await _context.CallActivityAsync<StoredWorkflowDefinition?>(
                FunctionNames.LoadWorkflowDefinition,
                new WorkflowDefinitionQuery(_request.AccountId, workflowId, version, childInput),
                settings.ToTaskOptions(_ => { }));
        }
        catch (TaskFailedException ex)
        {
            return NodeOutcome.Failure($"Loading workflow '{workflowId}' failed: {ex.FailureDetails.ErrorMessage}", 0);
        }

        if (_stopped)
        {
            return NodeOutcome.Stopped(0);
        }

        if (stored is null)
        {
            return NodeOutcome.Failure($"Workflow '{workflowId}'{(version is null ? string.Empty : $" version {version}")} was not found.", 0);
        }

        if (stored.InputError is { } invalid)
        {
            return NodeOutcome.Failure(invalid, 0);
        }

        var childId = RunIds.SubRun(RunId, node.Id);
        var timeout = NodeSettings.OwnTimeoutSeconds(node.Data) is { } own ? (int)Math.Ceiling(own) : (int?)null;
        var validatedInput = stored.Input is { } checkedInput ? JsonNode.Parse(checkedInput.GetRawText()) ?? childInput : childInput;
        var childRequest = new ScheduledInput(_context, () => WorkflowRunRequest.SubRun(
            _request, RunId, stored, validatedInput, timeout, new DateTimeOffset(_context.CurrentUtcDateTime, TimeSpan.Zero)) with { Budget = grant });
        inFlight.ChildRunId = childId;
        PublishProgress();
        WorkflowRunResult? child;
        try
        {
            child = await _context.CallSubOrchestratorAsync<WorkflowRunResult>(
                FunctionNames.WorkflowOrchestrator,
                childRequest,
                new SubOrchestrationOptions { InstanceId = childId });
        }
        catch (TaskFailedException ex)
        {
            Forfeit(inFlight);
            return NodeOutcome.Failure($"Sub-run {childId} failed: {ex.FailureDetails.ErrorMessage}", 1);
        }

        if (child is null)
        {
            Forfeit(inFlight);
        }
        else if (inFlight.Grant is { } outstanding)
        {
            _budget.Settle(outstanding, child.Metrics.SubRuns, child.Metrics.NodeExecutions);
            inFlight.Grant = null;
        }

        if (child is not { Status: RunStatus.Succeeded })
        {
            var status = child?.Status.ToString().ToLowerInvariant() ?? "failed";
            return NodeOutcome.Failure($"Sub-run {childId} {status}: {child?.Error?.Message ?? "no result"}", 1);
        }

        var result = new JsonObject
        {
            ["content"] = child.Output switch
            {
                null => string.Empty,
                JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
                var output => output.ToJsonString(),
            },
            ["run_id"] = childId,
            ["workflow_id"] = child.WorkflowId,
            ["version"] = child.Version,
            ["cost"] = child.Metrics.TotalCost,
            ["usage"] = new JsonObject
            {
                ["input_tokens"] = child.Metrics.InputTokens,
                ["output_tokens"] = child.Metrics.OutputTokens,
            },
        };
        return NodeOutcome.Success(result, 1);
    }

    private void Forfeit(InFlightNode inFlight)
    {
        if (inFlight.Grant is { } grant)
        {
            _budget.Forfeit(grant);
            inFlight.Grant = null;
        }
    }

    /// <summary>
    /// The child's pinned version: <c>data.workflow_version</c>, or a legacy integer <c>data.version</c>. In reference
    /// 003's format every node's <c>data.version</c> is the node format's version string (<c>"0.1"</c>), not a
    /// workflow version, so a string there pins nothing.
    /// </summary>
    internal static int? SubWorkflowVersion(JsonObject data) =>
        data["workflow_version"] is JsonValue pinned && pinned.TryGetValue<int>(out var number) ? number
        : data["workflow_version"] is JsonValue text && int.TryParse(ScalarText(text), out var parsed) ? parsed
        : data["version"] is JsonValue legacy && legacy.GetValueKind() == JsonValueKind.Number && legacy.TryGetValue<int>(out var old) ? old
        : null;

    private static string? ScalarText(JsonNode? node) => node switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
        _ => null,
    };
}
