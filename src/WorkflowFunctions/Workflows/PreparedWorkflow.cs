using System.Text.Json;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Inputs;
using WorkflowFunctions.Engine.Validation;

namespace WorkflowFunctions.Workflows;

/// <summary>
/// A definition parsed and validated once, with its trigger's input fields: what starting a run needs.
/// <paramref name="Executable"/> is what a run pins (<see cref="WorkflowDefinition.ToExecutableJson"/>).
/// </summary>
public sealed record PreparedWorkflow(JsonElement Executable, WorkflowDefinition Definition, ValidationReport Report, IReadOnlyList<InputField> InputFields);
