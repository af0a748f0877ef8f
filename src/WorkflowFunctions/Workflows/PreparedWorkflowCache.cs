using System.Collections.Concurrent;
using System.Text.Json;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Inputs;
using WorkflowFunctions.Engine.Validation;
using WorkflowFunctions.Storage;

namespace WorkflowFunctions.Workflows;

/// <summary>
/// Parsed and validated definitions keyed by the SHA-256 of their text. Saved versions are immutable, so a run
/// start parses a version once per instance instead of on every request. Bounded: when full it starts over.
/// </summary>
public sealed class PreparedWorkflowCache
{
    private const int Capacity = 512;
    private readonly ConcurrentDictionary<string, PreparedWorkflow> _prepared = new(StringComparer.Ordinal);

    public PreparedWorkflow Prepare(string definitionText, string? hash = null)
    {
        ArgumentNullException.ThrowIfNull(definitionText);
        var key = hash ?? StorageKeys.Sha256(definitionText);
        if (_prepared.TryGetValue(key, out var prepared))
        {
            return prepared;
        }

        var definition = WorkflowDefinition.Parse(definitionText);
        prepared = new PreparedWorkflow(JsonSerializer.SerializeToElement(definition.ToExecutableJson()), definition, WorkflowValidator.Default.Validate(definition), InputFields.FromDefinition(definition));
        if (_prepared.Count >= Capacity)
        {
            _prepared.Clear();
        }

        _prepared[key] = prepared;
        return prepared;
    }
}
