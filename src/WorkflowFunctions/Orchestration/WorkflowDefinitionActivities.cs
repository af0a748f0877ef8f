using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using WorkflowFunctions.Engine.Inputs;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// Loads a <c>workflow-node</c>'s child definition (the orchestrator itself does no I/O) and checks the sub-run's
/// input against it, so the orchestrator never parses the child's definition: replays read this activity's result.
/// </summary>
public sealed class WorkflowDefinitionActivities(IWorkflowDefinitionSource source, DefinitionCache definitions)
{
    [Function(FunctionNames.LoadWorkflowDefinition)]
    public async Task<StoredWorkflowDefinition?> LoadWorkflowDefinition([ActivityTrigger] WorkflowDefinitionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var found = await source.FindAsync(query, cancellationToken).ConfigureAwait(false);
        if (found is null || query.Input is null)
        {
            return found;
        }

        var prepared = definitions.Prepare(found.Definition.GetRawText());
        if (prepared.Report.HasErrors)
        {
            return found with
            {
                InputError = $"Workflow '{found.WorkflowId}' version {found.Version} has errors and cannot run: {prepared.Report.Errors[0].Message}",
            };
        }

        var validated = RunInputValidator.Validate(prepared.InputFields, query.Input);
        return validated.IsValid
            ? found with { Input = JsonSerializer.SerializeToElement(validated.Input) }
            : found with { InputError = "The sub-workflow input is invalid: " + string.Join("; ", validated.Problems.Select(p => p.Message)) };
    }
}
