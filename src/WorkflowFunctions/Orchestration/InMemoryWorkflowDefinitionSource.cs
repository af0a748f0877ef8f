using System.Collections.Concurrent;
using System.Text.Json;
using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// Saved workflows held in memory, per account: the default <see cref="IWorkflowDefinitionSource"/> until the
/// storage layer provides one, and what tests and the LocalHost use to register sub-workflows.
/// </summary>
public sealed class InMemoryWorkflowDefinitionSource : IWorkflowDefinitionSource
{
    private readonly ConcurrentDictionary<(string Account, string Workflow), SortedList<int, JsonElement>> _workflows = new();

    /// <summary>Saves one version of a workflow for an account.</summary>
    public void Add(string accountId, string workflowId, int version, JsonElement definition)
    {
        var versions = _workflows.GetOrAdd((accountId, workflowId), _ => []);
        lock (versions)
        {
            versions[version] = definition.Clone();
        }
    }

    public Task<StoredWorkflowDefinition?> FindAsync(WorkflowDefinitionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!_workflows.TryGetValue((query.AccountId, query.WorkflowId), out var versions))
        {
            return Task.FromResult<StoredWorkflowDefinition?>(null);
        }

        lock (versions)
        {
            if (versions.Count == 0)
            {
                return Task.FromResult<StoredWorkflowDefinition?>(null);
            }

            var version = query.Version ?? versions.Keys[^1];
            return Task.FromResult(versions.TryGetValue(version, out var definition)
                ? new StoredWorkflowDefinition(query.WorkflowId, version, definition)
                : null);
        }
    }
}
