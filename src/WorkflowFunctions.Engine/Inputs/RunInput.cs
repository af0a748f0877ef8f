using System.Text.Json.Nodes;

namespace WorkflowFunctions.Engine.Inputs;

/// <summary>Shapes a run's raw request body into the input templates see.</summary>
public static class RunInput
{
    /// <summary>The field that carries a plain-text body.</summary>
    public const string RawInputField = "__raw_input__";

    /// <summary>A <c>text/plain</c> body becomes <c>{"__raw_input__": "..."}</c>.</summary>
    public static JsonObject FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new JsonObject { [RawInputField] = text };
    }
}
