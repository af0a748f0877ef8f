using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Serialization;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// A run's checkpoint as its generation's episodes restore it: the <see cref="RunCheckpoint"/> and the results its
/// templates read (<c>{"result": ...}</c> by node ID), built once per checkpoint and shared. Every episode of a generation
/// restores the same checkpoint, and deserializing every node's record and result again at each one made an episode's
/// work grow with the whole run's length. Cached by content (<see cref="ContentCache{T}"/>), so the value depends on the
/// checkpoint's text alone and a replay elsewhere restores the same run; the trees are materialized before they are
/// shared and only read after (the ledger and the scope keep them as they are, the result and the progress serialize
/// them).
/// </summary>
internal sealed class RestoredCheckpoint
{
    /// <summary>The checkpoints of many long runs in flight at once; a checkpoint is at most a few MB of text.</summary>
    private static readonly ContentCache<RestoredCheckpoint> Cache = new(capacity: 256, maxTextBytes: 64 * 1024 * 1024);

    private RestoredCheckpoint(RunCheckpoint checkpoint, Dictionary<string, JsonNode> scope)
    {
        Checkpoint = checkpoint;
        Scope = scope;
    }

    public RunCheckpoint Checkpoint { get; }

    /// <summary>What templates see of each node that had succeeded, by node ID.</summary>
    public IReadOnlyDictionary<string, JsonNode> Scope { get; }

    /// <summary>The checkpoint in a request's <see cref="WorkflowRunRequest.Checkpoint"/>.</summary>
    public static RestoredCheckpoint Of(JsonElement checkpoint) => Cache.GetOrAdd(JsonMarshal.GetRawUtf8Value(checkpoint), Build);

    private static RestoredCheckpoint Build(byte[] text)
    {
        var checkpoint = JsonSerializer.Deserialize<RunCheckpoint>(text, DurablePayloadJson.Options)
            ?? throw new JsonException("A run's checkpoint is null.");
        var scope = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var (record, _, _) in checkpoint.Nodes)
        {
            JsonTrees.Materialize(record.Result);
            if (record.Status == Engine.Execution.NodeStatus.Succeeded && record.Result is { } result)
            {
                var seen = new JsonObject { ["result"] = result.DeepClone() };
                JsonTrees.Materialize(seen);
                scope[record.Id] = seen;
            }
        }

        return new RestoredCheckpoint(checkpoint, scope);
    }
}
