using System.Text.Json;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Inputs;
using WorkflowFunctions.Engine.Validation;

namespace WorkflowFunctions.Runs;

/// <summary>A definition parsed and validated once, with its trigger's input fields: what starting a run needs.</summary>
public sealed record PreparedWorkflow(JsonElement Json, WorkflowDefinition Definition, ValidationReport Report, IReadOnlyList<InputField> InputFields);
