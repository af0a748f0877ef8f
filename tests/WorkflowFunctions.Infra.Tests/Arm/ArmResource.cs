using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WorkflowFunctions.Infra.Tests.Arm;

/// <summary>
/// One resource of a compiled template, kept together with the (possibly nested) template that declares it,
/// because its expressions refer to that template's parameters and variables.
/// </summary>
public sealed partial record ArmResource(JsonObject Node, JsonObject DeclaringTemplate, string DeploymentName)
{
    public string Type => (string)Node["type"]!;

    public JsonObject Properties => Node["properties"]!.AsObject();

    public string? Condition => Node["condition"]?.GetValue<string>();

    /// <summary>
    /// Replaces <c>variables('name')</c> calls that name a plain string variable with that string, so
    /// assertions can look for literal values (role definition GUIDs) that Bicep keeps in variables.
    /// </summary>
    public string ResolveVariables(string expression)
    {
        var variables = DeclaringTemplate["variables"] as JsonObject;
        return VariableReference().Replace(expression, match =>
            variables?[match.Groups["name"].Value] is JsonValue value && value.TryGetValue<string>(out var text)
                ? $"'{text}'"
                : match.Value);
    }

    [GeneratedRegex(@"variables\('(?<name>[^']+)'\)")]
    private static partial Regex VariableReference();
}
