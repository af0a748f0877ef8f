using System.Text.Json.Nodes;

namespace WorkflowFunctions.Engine.Inputs;

/// <summary>One of a trigger node's <c>input_fields</c>: what a run's input must or may carry.</summary>
/// <param name="Id">The field ID, used as <c>{{ input.&lt;id&gt; }}</c>.</param>
/// <param name="Title">The label shown to users.</param>
/// <param name="Type">The field's type.</param>
/// <param name="Required">From <c>input_requirements</c>.</param>
/// <param name="DefaultValue">Used when the input omits the field (or gives null or ""); null when there is none. An empty <c>default_value</c> is
/// none; a select falls back to its <c>is_default</c> option.</param>
/// <param name="Options">A select field's allowed values.</param>
/// <param name="Description">From <c>tooltip</c>.</param>
public sealed record InputField(
    string Id,
    string Title,
    InputFieldType Type,
    bool Required,
    JsonNode? DefaultValue,
    IReadOnlyList<string> Options,
    string? Description);
