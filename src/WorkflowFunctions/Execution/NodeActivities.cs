using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Telemetry;

namespace WorkflowFunctions.Execution;

/// <summary>
/// The one activity behind every I/O node: looks up the node type's executor and runs it once per attempt.
/// Retryable failures are thrown (so the orchestrator's Durable retry policy retries them); non-retryable
/// ones are returned, which ends the node without another attempt.
/// </summary>
public sealed class NodeActivities(NodeExecutorRegistry registry, ILogger<NodeActivities> logger)
{
    [Function(FunctionNames.ExecuteNode)]
    public async Task<NodeExecutionResult> ExecuteNode([ActivityTrigger] NodeExecutionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!registry.TryGet(request.NodeType, out var executor))
        {
            return NodeExecutionResult.Failure($"No executor is registered for node type '{request.NodeType}'.", retryable: false);
        }

        using var span = WorkflowTelemetry.Source.StartActivity($"node {request.NodeType}", System.Diagnostics.ActivityKind.Internal);
        span?.SetTag(WorkflowTelemetry.RunId, request.RunId);
        span?.SetTag(WorkflowTelemetry.WorkflowId, request.WorkflowId);
        span?.SetTag(WorkflowTelemetry.NodeId, request.NodeId);
        span?.SetTag(WorkflowTelemetry.NodeType, request.NodeType);
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            [WorkflowTelemetry.RunId] = request.RunId,
            [WorkflowTelemetry.WorkflowId] = request.WorkflowId,
            [WorkflowTelemetry.NodeId] = request.NodeId,
        });
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (request.TimeoutSeconds > 0)
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(request.TimeoutSeconds));
        }

        NodeExecutionResult result;
        try
        {
            result = await executor.ExecuteAsync(request, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new NodeExecutionException(string.Create(CultureInfo.InvariantCulture, $"timed out after {request.TimeoutSeconds:0.###}s"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logs.NodeExecutorThrew(logger, ex, request.RunId, request.NodeId, request.NodeType);
            throw new NodeExecutionException(ex.Message, ex);
        }

        if (!result.Succeeded && result.Retryable)
        {
            throw new NodeExecutionException(result.Error ?? "The node failed.");
        }

        if (!result.Succeeded)
        {
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, result.Error);
        }

        return result.Succeeded && result.Result is null ? NodeExecutionResult.Success(string.Empty) : result;
    }
}
