using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Serialization;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// Every reachable node's state and result during one run, plus what templates can see of finished nodes
/// (<see cref="Scope"/>: <c>{"result": {...}}</c> by node ID). Only the orchestrator changes it, in the order its
/// code runs, which a replay repeats: so each change that is an event of the run's feed (a node starting, waiting,
/// retrying, ending) gets the next sequence number (<see cref="LastSeq"/>) here, the same on every replay. It keeps
/// the run's result within its size limit: a result that would pass it is refused (no event), and its node fails.
/// </summary>
internal sealed class NodeLedger
{
    private readonly Dictionary<string, NodeEntry> _entries = new(StringComparer.Ordinal);
    private readonly List<NodeEntry> _ordered = [];
    private readonly List<NodeEntry> _succeeded = [];
    private readonly Dictionary<string, JsonNode?> _scope = new(StringComparer.Ordinal);
    private readonly long _maxResultBytes;
    private readonly DateTime _runStartedAt;

    public NodeLedger(IEnumerable<(string Id, string Type)> nodes, long maxResultBytes = long.MaxValue, DateTime runStartedAt = default)
    {
        _maxResultBytes = maxResultBytes;
        _runStartedAt = runStartedAt;
        foreach (var (id, type) in nodes)
        {
            var entry = new NodeEntry(id, type);
            _entries[id] = entry;
            _ordered.Add(entry);
        }
    }

    /// <summary>The nodes in plan (topological) order.</summary>
    public IReadOnlyList<NodeEntry> Entries => _ordered;

    /// <summary>Succeeded nodes in the order they finished.</summary>
    public IReadOnlyList<NodeEntry> Succeeded => _succeeded;

    /// <summary>Finished nodes' records for templates, keyed by node ID.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Scope => _scope;

    public NodeEntry this[string id] => _entries[id];

    /// <summary>
    /// The bytes the run's result holds so far: each succeeded node's result, an output node's twice (the result
    /// lists it again under <c>outputs</c>).
    /// </summary>
    public long ResultBytes { get; private set; }


    /// <summary>The sequence number of the latest event so far (<see cref="RunEventNumbers.Started"/> before any node event).</summary>
    public int LastSeq { get; private set; } = RunEventNumbers.Started;

    /// <summary>A node starts (an approval also starts waiting, its next event).</summary>
    public void Start(string id, DateTime at, NodeStatus status = NodeStatus.Running)
    {
        var entry = _entries[id];
        entry.Status = status;
        entry.StartedAt = at;
        entry.StartMark = Mark(at);
        if (status == NodeStatus.Waiting)
        {
            entry.WaitMark = Mark(at);
        }

        entry.TimelineChanged();
    }

    /// <summary>An attempt of a running node failed at <paramref name="at"/> and the next one is due at <paramref name="nextAt"/>.</summary>
    public void Retry(string id, DateTime at, DateTime nextAt, string? error)
    {
        var entry = _entries[id];
        var mark = Mark(at);
        (entry.Retries ??= []).Add(new RetryMark(mark.Seq, mark.AtMs, EventMark.Offset(_runStartedAt, nextAt), RetryMark.Shorten(error)));
        entry.TimelineChanged();
    }

    /// <summary>
    /// Records a node's success, or, when its result would take the run's result past the limit, records nothing
    /// and returns why (the caller fails the node with it).
    /// </summary>
    public string? TrySucceed(string id, JsonObject result, DateTime at, int attempts)
    {
        var entry = _entries[id];
        // Serialized once as UTF-8: its length is the result's custom-status size and what it adds to the run's
        // result, and the scope's own copy (a JsonNode can have only one parent) is parsed from it, without a
        // UTF-16 string in between.
        var json = JsonSerializer.SerializeToUtf8Bytes(result, DurablePayloadJson.Options);
        var adds = (long)json.Length * (entry.Type == NodeTypes.Output ? 2 : 1);
        if (ResultBytes + adds > _maxResultBytes)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"Its result ({json.Length:N0} bytes) would take the run's result past {_maxResultBytes:N0} bytes, the limit of one run's result.");
        }

        ResultBytes += adds;
        entry.Status = NodeStatus.Succeeded;
        entry.StartedAt ??= at;
        entry.StartMark ??= Mark(at);
        entry.EndMark = Mark(at);
        entry.TimelineChanged();
        entry.CompletedAt = at;
        entry.Attempts = attempts;
        entry.Result = result;
        entry.ResultBytes = json.Length;
        _scope[id] = new JsonObject { ["result"] = JsonNode.Parse(json) };
        _succeeded.Add(entry);
        return null;
    }

    public void Fail(string id, string error, DateTime at, int attempts, NodeStatus status = NodeStatus.Failed)
    {
        var entry = _entries[id];
        entry.Status = status;
        entry.StartedAt ??= at;
        entry.StartMark ??= Mark(at);
        entry.EndMark = Mark(at);
        entry.TimelineChanged();
        entry.CompletedAt = at;
        entry.Attempts = attempts;
        entry.Error = error;
    }

    public void Skip(string id, DateTime at)
    {
        var entry = _entries[id];
        entry.Status = NodeStatus.Skipped;
        entry.EndMark = Mark(at);
        entry.TimelineChanged();
    }

    /// <summary>
    /// Marks every node that has not finished as cancelled (the run stopped before they could finish). Only nodes
    /// that had started end with an event: a node that never started has nothing to end in the feed.
    /// </summary>
    public void CancelUnfinished(string reason, DateTime at)
    {
        foreach (var entry in _ordered.Where(e => !e.IsFinished))
        {
            var started = entry.StartedAt is not null;
            entry.Status = NodeStatus.Cancelled;
            entry.Error = reason;
            if (started)
            {
                entry.CompletedAt = at;
                entry.EndMark = Mark(at);
                entry.TimelineChanged();
            }
        }
    }

    /// <summary>Every node's events so far, in plan order; nodes without any are left out.</summary>
    public Dictionary<string, NodeTimeline> Timelines()
    {
        var timelines = new Dictionary<string, NodeTimeline>(StringComparer.Ordinal);
        foreach (var entry in _ordered)
        {
            if (entry.Timeline() is { } timeline)
            {
                timelines[entry.Id] = timeline;
            }
        }

        return timelines;
    }

    /// <summary>Every node that has started or ended, in plan order, for a <see cref="RunCheckpoint"/>.</summary>
    public List<CheckpointNode> Checkpoint()
    {
        var nodes = new List<CheckpointNode>();
        foreach (var entry in _ordered)
        {
            if (entry.Status != NodeStatus.Queued || entry.Timeline() is not null)
            {
                nodes.Add(new CheckpointNode(entry.ToRecord(), entry.Timeline(), entry.ResultBytes));
            }
        }

        return nodes;
    }

    /// <summary>
    /// Puts back what <see cref="Checkpoint"/> took: each node's record and marks, the results templates see (shared,
    /// read-only: <paramref name="scope"/>), the run's result size so far and the latest event number, so the run goes on
    /// as if it had never stopped.
    /// </summary>
    public void Restore(RunCheckpoint checkpoint, IReadOnlyDictionary<string, JsonNode> scope)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(scope);
        foreach (var (record, timeline, resultBytes) in checkpoint.Nodes)
        {
            var entry = _entries[record.Id];
            entry.Status = record.Status;
            entry.Result = record.Result;
            entry.ResultBytes = resultBytes;
            entry.Error = record.Error;
            entry.StartedAt = record.StartedAt;
            entry.CompletedAt = record.CompletedAt;
            entry.Attempts = record.Attempts;
            entry.ChildRunId = record.ChildRunId;
            entry.StartMark = timeline?.Start;
            entry.WaitMark = timeline?.Wait;
            entry.Retries = timeline?.Retries?.ToList();
            entry.EndMark = timeline?.End;
            entry.TimelineChanged();
            if (record.Status == NodeStatus.Succeeded && scope.TryGetValue(record.Id, out var seen))
            {
                // As TrySucceed counted it: the result's UTF-8 JSON size, an output node's twice.
                ResultBytes += (long)resultBytes * (entry.Type == NodeTypes.Output ? 2 : 1);
                _scope[record.Id] = seen;
                _succeeded.Add(entry);
            }
        }

        // Succeeded nodes in the order they finished, which their end events number.
        _succeeded.Sort((a, b) => (a.EndMark?.Seq ?? 0).CompareTo(b.EndMark?.Seq ?? 0));
        LastSeq = checkpoint.LastSeq;
    }

    private EventMark Mark(DateTime at) => new(++LastSeq, EventMark.Offset(_runStartedAt, at));
}
