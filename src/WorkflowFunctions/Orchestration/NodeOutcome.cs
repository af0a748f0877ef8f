using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;

namespace WorkflowFunctions.Orchestration;

/// <summary>How one node's work ended, as the orchestrator's node tasks report it (they never throw).</summary>
internal sealed record NodeOutcome
{
    public bool Succeeded { get; private init; }

    /// <summary>The node stopped because the run stopped; the run records it as cancelled.</summary>
    public bool Cancelled { get; private init; }

    public JsonObject? Result { get; private init; }

    public string? Error { get; private init; }

    public int Attempts { get; private init; }

    public Branch Branch { get; private init; }

    public static NodeOutcome Success(JsonObject result, int attempts, Branch branch = Branch.None) =>
        new() { Succeeded = true, Result = result, Attempts = attempts, Branch = branch };

    public static NodeOutcome Failure(string error, int attempts) => new() { Error = error, Attempts = attempts };

    public static NodeOutcome Stopped(int attempts) => new() { Cancelled = true, Error = "Cancelled", Attempts = attempts };
}
