using System.Text.Json.Nodes;

namespace WorkflowFunctions.Engine.Catalog;

/// <summary>
/// What a node type is and how it is configured: the JSON Schema (draft 2020-12) of its <c>data</c> object is
/// the single source of truth for validation and for editor forms.
/// </summary>
/// <param name="Type">The type name used in definitions, e.g. <c>basic-node</c>.</param>
/// <param name="Title">A short human name.</param>
/// <param name="Description">What the node does.</param>
/// <param name="Category">A grouping for editors: <c>flow</c>, <c>ai</c>, <c>integration</c>, <c>human</c>, <c>tables</c>.</param>
/// <param name="IsPure">True when the orchestrator evaluates the node in place (no I/O); false for activity nodes.</param>
/// <param name="ConfigSchema">JSON Schema of the node's <c>data</c>.</param>
public sealed record NodeTypeDescriptor(string Type, string Title, string Description, string Category, bool IsPure, JsonObject ConfigSchema);
