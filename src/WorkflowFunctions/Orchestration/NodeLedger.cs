using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Serialization;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// Every reachable node's state and result during one run, plus what templates can see of finished nodes
/// (<see cref="Scope"/>: <c>{"result": {...}}</c> by node ID). Only the orchestrator's main loop changes it.
/// </summary>
internal sealed class NodeLedger
{
    private readonly Dictionary<string, NodeEntry> _entries = new(StringComparer.Ordinal);
    private readonly List<NodeEntry> _ordered = [];
    private readonly List<NodeEntry> _succeeded = [];
    private readonly Dictionary<string, JsonNode?> _scope = new(StringComparer.Ordinal);

    public NodeLedger(IEnumerable<(string Id, string Type)> nodes)
    {
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

    public void Start(string id, DateTime at, NodeStatus status = NodeStatus.Running)
    {
        var entry = _entries[id];
        entry.Status = status;
        entry.StartedAt = at;
    }

    public void Succeed(string id, JsonObject result, DateTime at, int attempts)
    {
        var entry = _entries[id];
        entry.Status = NodeStatus.Succeeded;
        entry.StartedAt ??= at;
        entry.CompletedAt = at;
        entry.Attempts = attempts;
        entry.Result = result;
        // Serialized once as UTF-8: its length is the result's custom-status size, and the scope's own copy (a
        // JsonNode can have only one parent) is parsed from it, without a UTF-16 string in between.
        var json = JsonSerializer.SerializeToUtf8Bytes(result, DurablePayloadJson.Options);
        entry.ResultBytes = json.Length;
        _scope[id] = new JsonObject { ["result"] = JsonNode.Parse(json) };
        _succeeded.Add(entry);
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
