using System.Text.Json;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Serialization;

namespace WorkflowFunctions.Runs;

/// <summary>
/// The small members of a serialized <see cref="WorkflowRunRequest"/> (account, workflow, version, parent, index
/// entry) and each node's type, read without materializing the pinned definition or the input, which a status read
/// does not need and which may be megabytes: the reader walks past them (as skipping them would) keeping only the
/// nodes' <c>id</c> and <c>type</c>.
/// </summary>
public sealed record RunRequestHeader(string AccountId, string? WorkflowId, int? Version, string? ParentRunId, RunIndexEntry? Index)
{
    /// <summary>Each node's type by node id, from the pinned definition.</summary>
    public IReadOnlyDictionary<string, string> NodeTypes { get; init; } = new Dictionary<string, string>();

    /// <summary>The workflow's concurrency cap the run started under, if any.</summary>
    public RunSlot? Slot { get; init; }

    /// <summary>The header, or null when <paramref name="serialized"/> is not a run request.</summary>
    public static RunRequestHeader? Read(string? serialized)
    {
        if (string.IsNullOrEmpty(serialized))
        {
            return null;
        }

        try
        {
            return Parse(serialized);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static RunRequestHeader? Parse(string serialized)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(serialized));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        string? account = null, workflow = null, parent = null;
        int? version = null;
        RunIndexEntry? index = null;
        RunSlot? slot = null;
        var hasDefinition = false;
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case nameof(WorkflowRunRequest.AccountId) when reader.TokenType == JsonTokenType.String:
                    account = reader.GetString();
                    break;
                case nameof(WorkflowRunRequest.WorkflowId) when reader.TokenType == JsonTokenType.String:
                    workflow = reader.GetString();
                    break;
                case nameof(WorkflowRunRequest.Version) when reader.TokenType == JsonTokenType.Number:
                    version = reader.GetInt32();
                    break;
                case nameof(WorkflowRunRequest.ParentRunId) when reader.TokenType == JsonTokenType.String:
                    parent = reader.GetString();
                    break;
                case nameof(WorkflowRunRequest.Index) when reader.TokenType == JsonTokenType.StartObject:
                    index = JsonSerializer.Deserialize<RunIndexEntry>(ref reader, DurablePayloadJson.Options);
                    break;
                case nameof(WorkflowRunRequest.Slot) when reader.TokenType == JsonTokenType.StartObject:
                    slot = JsonSerializer.Deserialize<RunSlot>(ref reader, DurablePayloadJson.Options);
                    break;
                case nameof(WorkflowRunRequest.Definition) when reader.TokenType == JsonTokenType.StartObject:
                    hasDefinition = true;
                    ReadNodeTypes(ref reader, types);
                    break;
                default:
                    hasDefinition |= name == nameof(WorkflowRunRequest.Definition);
                    reader.Skip();
                    break;
            }
        }

        return account is null || !hasDefinition
            ? null
            : new RunRequestHeader(account, string.IsNullOrEmpty(workflow) ? null : workflow, version is > 0 ? version : null, parent, index)
            {
                NodeTypes = types,
                Slot = slot,
            };
    }

    // The reader is on the definition's start; it ends on its end, having kept each node's id and type.
    private static void ReadNodeTypes(ref Utf8JsonReader reader, Dictionary<string, string> types)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (name != "nodes" || reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                string? id = null, type = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var member = reader.GetString();
                    reader.Read();
                    if (member == "id" && reader.TokenType == JsonTokenType.String)
                    {
                        id = reader.GetString();
                    }
                    else if (member == "type" && reader.TokenType == JsonTokenType.String)
                    {
                        type = reader.GetString();
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                if (id is not null && type is not null)
                {
                    types[id] = type;
                }
            }
        }
    }
}
