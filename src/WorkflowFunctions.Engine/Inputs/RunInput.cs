using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.Engine.Inputs;

/// <summary>Shapes a run's raw request body into the input templates see.</summary>
public static class RunInput
{
    /// <summary>The field that carries a plain-text body.</summary>
    public const string RawInputField = "__raw_input__";

    /// <summary>A JSON input as it is (objects, arrays, scalars); no input at all is <c>{}</c>, as in reference 003.</summary>
    public static JsonNode FromJson(JsonNode? input) => input?.DeepClone() ?? new JsonObject();

    /// <summary>
    /// A request body of unknown content: JSON when it parses, else the text as <see cref="FromText"/>, as
    /// reference 003 treats API-key runs. An empty or blank body is <c>{}</c>.
    /// </summary>
    public static JsonNode FromBody(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrWhiteSpace(body))
        {
            return new JsonObject();
        }

        try
        {
            return FromJson(JsonNode.Parse(body));
        }
        catch (JsonException)
        {
            return FromText(body);
        }
    }

    /// <summary>A <c>text/plain</c> body becomes <c>{"__raw_input__": "..."}</c>.</summary>
    public static JsonObject FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new JsonObject { [RawInputField] = text };
    }
}
