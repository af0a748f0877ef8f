using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Serialization;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// Every reachable node's state and result during one run, plus what templates can see of finished nodes
/// (<see cref="Scope"/>: <c>{"result": {...}}</c> by node ID). Only the orchestrator's main loop changes it. It
/// keeps the run's result within its size limit: a result that would pass it is refused, and its node fails.
/// </summary>
internal sealed class NodeLedger
{
    private readonly Dictionary<string, NodeEntry> _entries = new(StringComparer.Ordinal);
    private readonly List<NodeEntry> _ordered = [];
    private readonly List<NodeEntry> _succeeded = [];
    private readonly Dictionary<string, JsonNode?> _scope = new(StringComparer.Ordinal);
    private readonly long _maxResultBytes;

    public NodeLedger(IEnumerable<(string Id, string Type)> nodes, long maxResultBytes = long.MaxValue)
    {
        _maxResultBytes = maxResultBytes;
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

    public void Start(string id, DateTime at, NodeStatus status = NodeStatus.Running)
    {
        var entry = _entries[id];
        entry.Status = status;
        entry.StartedAt = at;
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
        entry.CompletedAt = at;
        entry.Attempts = attempts;
        entry.Error = error;
    }

    public void Skip(string id) => _entries[id].Status = NodeStatus.Skipped;

    /// <summary>Marks every node that has not finished as cancelled (the run stopped before they could finish).</summary>
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
            }
        }
    }
}
