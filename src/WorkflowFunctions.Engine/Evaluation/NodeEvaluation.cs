using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;

namespace WorkflowFunctions.Engine.Evaluation;

/// <summary>The result of evaluating a pure node: its result object and, for an if-else node, the taken branch.</summary>
public sealed record NodeEvaluation(JsonObject Result, Branch Branch);
