using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using WorkflowFunctions.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>
/// The <c>http-node</c> executor of the API tests: makes no call, waits <c>data.test.delay_ms</c> and answers
/// with the run input, while counting how many of a workflow's nodes execute at the same moment, so a test can
/// measure a batch's real concurrency. With <c>data.test.hold_until_concurrent</c> an execution first waits (up to
/// <see cref="HoldLimit"/>) until that many of the workflow's executions have been seen at once, so runs that may
/// overlap do overlap however slowly a loaded machine starts them. <c>data.test.fail_times</c> fails that many first
/// attempts of the node in each run (retryably), <c>data.test.fail</c> fails every attempt with that message (not
/// retryably), <c>data.test.size_kb</c> answers content of that size instead of the input, and <c>data.test.wait_for</c>
/// holds an attempt until <see cref="Release(string)"/> is called with that name. With <c>data.test.hold_until_released</c>
/// it waits (up to <see cref="ReleaseLimit"/>) until <see cref="ReleaseWorkflow"/> is called for the workflow, so a test can keep runs in flight
/// while it looks at the others. It also records in which order the runs' executions started.
/// </summary>
internal sealed class ProbeNodeExecutor : INodeExecutor
{
    private readonly ConcurrentDictionary<string, Gauge> _byWorkflow = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new(StringComparer.Ordinal);

    /// <summary>Lets the attempts waiting on <paramref name="name"/> (<c>data.test.wait_for</c>) go on.</summary>
    public void Release(string name) => Gate(name).TrySetResult();

    /// <summary>When the node of that run last finished an attempt (set just before the executor returns).</summary>
    public ConcurrentDictionary<string, DateTimeOffset> Finished { get; } = new(StringComparer.Ordinal);

    public static readonly TimeSpan HoldLimit = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan ReleaseLimit = TimeSpan.FromMinutes(2);

    public string NodeType => "http-node";

    /// <summary>The most executions of the workflow's nodes seen at once.</summary>
    public int MaxConcurrent(string workflowId) => _byWorkflow.TryGetValue(workflowId, out var gauge) ? gauge.Max : 0;

    /// <summary>How many executions of the workflow's nodes have started.</summary>
    public int Started(string workflowId) => _byWorkflow.TryGetValue(workflowId, out var gauge) ? gauge.Started : 0;

    /// <summary>The runs whose executions of the workflow's nodes have started, in the order they started.</summary>
    public IReadOnlyList<string> StartOrder(string workflowId) => _byWorkflow.TryGetValue(workflowId, out var gauge) ? gauge.Order : [];

    /// <summary>Lets the workflow's executions that hold until released go on, and every later one pass at once.</summary>
    public void ReleaseWorkflow(string workflowId) => _byWorkflow.GetOrAdd(workflowId, _ => new Gauge()).Released.TrySetResult();

    public async Task<NodeExecutionResult> ExecuteAsync(NodeExecutionRequest request, CancellationToken cancellationToken)
    {
        var gauge = _byWorkflow.GetOrAdd(request.WorkflowId, _ => new Gauge());
        gauge.Enter(request.RunId);
        try
        {
            if (request.Node["test"]?["hold_until_released"]?.GetValue<bool>() == true)
            {
                await gauge.Released.Task.WaitAsync(ReleaseLimit, cancellationToken);
            }

            var hold = request.Node["test"]?["hold_until_concurrent"]?.GetValue<int>() ?? 0;
            var holdUntil = DateTime.UtcNow + HoldLimit;
            while (gauge.Max < hold && DateTime.UtcNow < holdUntil)
            {
                await Task.Delay(10, cancellationToken);
            }

            var delay = request.Node["test"]?["delay_ms"]?.GetValue<int>() ?? 0;
            if (delay > 0)
            {
                await Task.Delay(delay, cancellationToken);
            }

            if (request.Node["test"]?["wait_for"]?.GetValue<string>() is { } name)
            {
                await Gate(name).Task.WaitAsync(cancellationToken);
            }

            var attempt = _attempts.AddOrUpdate(request.RunId + "/" + request.NodeId, 1, (_, n) => n + 1);
            Finished[request.RunId + "/" + request.NodeId] = DateTimeOffset.UtcNow;
            if (request.Node["test"]?["fail_times"]?.GetValue<int>() is { } failTimes && attempt <= failTimes)
            {
                return NodeExecutionResult.Failure($"probe failure {attempt}");
            }

            if (request.Node["test"]?["fail"]?.GetValue<string>() is { } permanent)
            {
                return NodeExecutionResult.Failure(permanent, retryable: false);
            }

            var content = request.Node["test"]?["size_kb"]?.GetValue<int>() is { } size ? new string('x', size * 1024) : request.Input?.ToJsonString() ?? "{}";
            return NodeExecutionResult.Success(new JsonObject { ["content"] = content });
        }
        finally
        {
            gauge.Exit();
        }
    }

    private TaskCompletionSource Gate(string name) => _gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private sealed class Gauge
    {
        private readonly ConcurrentQueue<string> _order = new();
        private int _current;
        private int _max;
        private int _started;

        public int Max => Volatile.Read(ref _max);

        public int Started => Volatile.Read(ref _started);

        public IReadOnlyList<string> Order => [.. _order];

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Enter(string runId)
        {
            _order.Enqueue(runId);
            Interlocked.Increment(ref _started);
            var now = Interlocked.Increment(ref _current);
            var seen = Volatile.Read(ref _max);
            while (now > seen)
            {
                var previous = Interlocked.CompareExchange(ref _max, now, seen);
                if (previous == seen)
                {
                    break;
                }

                seen = previous;
            }
        }

        public void Exit() => Interlocked.Decrement(ref _current);
    }
}
