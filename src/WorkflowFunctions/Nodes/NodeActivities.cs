using System.Diagnostics;
using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Telemetry;

namespace WorkflowFunctions.Nodes;

/// <summary>
/// The one activity behind every I/O node: looks up the node type's executor and runs it once per attempt, within
/// the node's timeout (per attempt: a timed-out attempt is retried like any other retryable failure).
/// Retryable failures are thrown (so the orchestrator's Durable retry policy retries them); non-retryable
/// ones are returned, which ends the node without another attempt.
/// </summary>
public sealed class NodeActivities(NodeExecutorRegistry registry, INodeAttemptObserver attempts, ILogger<NodeActivities> logger)
{
    /// <summary>How long an attempt past its timeout may take to honour cancellation before it is abandoned.</summary>
    internal static readonly TimeSpan AbandonGrace = TimeSpan.FromSeconds(1);

    [Function(FunctionNames.ExecuteNode)]
    public async Task<NodeExecutionResult> ExecuteNode([ActivityTrigger] NodeExecutionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!registry.TryGet(request.NodeType, out var executor))
        {
            return NodeExecutionResult.Failure($"No executor is registered for node type '{request.NodeType}'.", retryable: false);
        }

        // However the attempt ends, the run's next step shows it (an end or a retry): its watchers here look soon.
        using var ended = new AttemptEnd(attempts, request.RunId);
        var tags = NodeTags(request);
        using var span = WorkflowTelemetry.Source.StartActivity(ActivityKind.Internal, tags: tags, name: $"node {request.NodeType}");
        using var scope = logger.BeginScope(tags);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var limit = request.TimeoutSeconds > 0 ? TimeSpan.FromSeconds(request.TimeoutSeconds) : Timeout.InfiniteTimeSpan;
        timeout.CancelAfter(limit);

        NodeExecutionResult result;
        try
        {
            var execution = executor.ExecuteAsync(request, timeout.Token);
            // The attempt ends at its deadline even if the executor does not honour its token (it gets a short grace
            // to do so first); the abandoned call can no longer affect the node.
            result = limit == Timeout.InfiniteTimeSpan ? await execution : await execution.WaitAsync(limit + AbandonGrace, cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException
            && timeout.IsCancellationRequested
            && !cancellationToken.IsCancellationRequested)
        {
            var timedOut = string.Create(CultureInfo.InvariantCulture, $"timed out after {request.TimeoutSeconds:0.###}s");
            span?.SetStatus(ActivityStatusCode.Error, timedOut);
            throw new NodeExecutionException(timedOut);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.Message);
            Logs.NodeExecutorThrew(logger, ex, request.RunId, request.NodeId, request.NodeType);
            throw new NodeExecutionException(ex.Message, ex);
        }

        if (!result.Succeeded)
        {
            // Every failed attempt is an error on its span, retryable or not, so a node's retries show up.
            span?.SetStatus(ActivityStatusCode.Error, result.Error);
            if (result.Retryable)
            {
                throw new NodeExecutionException(result.Error ?? "The node failed.");
            }
        }

        return result.Succeeded && result.Result is null ? NodeExecutionResult.Success(string.Empty) : result;
    }

    private sealed class AttemptEnd(INodeAttemptObserver attempts, string runId) : IDisposable
    {
        public void Dispose() => attempts.AttemptEnded(runId);
    }

    /// <summary>The node's identity, as span tags and as the log scope, under the same keys.</summary>
    private static KeyValuePair<string, object?>[] NodeTags(NodeExecutionRequest request) =>
    [
        new(WorkflowTelemetry.RunId, request.RunId),
        new(WorkflowTelemetry.WorkflowId, request.WorkflowId),
        new(WorkflowTelemetry.NodeId, request.NodeId),
        new(WorkflowTelemetry.NodeType, request.NodeType),
        new(WorkflowTelemetry.AccountId, request.AccountId),
    ];
}
