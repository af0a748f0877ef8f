using System.Text.Json.Nodes;

namespace WorkflowFunctions.Engine.Inputs;

/// <summary>The normalized input (defaults applied, values coerced, extra fields kept) and every problem found.</summary>
public sealed record InputValidationResult(JsonNode? Input, IReadOnlyList<InputProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}
