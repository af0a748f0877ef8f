using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using WorkflowFunctions.Orchestration;

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

        return result.Succeeded && result.Result is null ? NodeExecutionResult.Success(string.Empty) : result;
    }
}
