using System.Text.Json.Nodes;

namespace WorkflowFunctions.Infra.Tests.Arm;

/// <summary>
/// A compiled ARM template with every Bicep module flattened in: modules compile to
/// <c>Microsoft.Resources/deployments</c> resources carrying nested templates, and the security properties
/// under test live in those nested templates.
/// </summary>
public sealed class ArmTemplate
{
    public const string MainDeployment = "main";

    private ArmTemplate(string text, JsonObject root)
    {
        Text = text;
        Root = root;
        var resources = new List<ArmResource>();
        Collect(root, MainDeployment, resources);
        Resources = resources;
    }

    public string Text { get; }

    public JsonObject Root { get; }

    /// <summary>Every resource of the main template and of every nested deployment template, depth first.</summary>
    public IReadOnlyList<ArmResource> Resources { get; }

    public JsonObject Parameters => Root["parameters"]!.AsObject();

    public JsonObject Outputs => Root["outputs"]!.AsObject();

    public static ArmTemplate Parse(string json) =>
        new(json, JsonNode.Parse(json)?.AsObject() ?? throw new ArgumentException("Not a JSON object.", nameof(json)));

    public IEnumerable<ArmResource> OfType(string type) =>
        Resources.Where(resource => string.Equals(resource.Type, type, StringComparison.OrdinalIgnoreCase));

    public ArmResource OnlyOfType(string type) => OfType(type).Single();

    /// <summary>The module deployment with this name, as declared in the main template.</summary>
    public ArmResource Deployment(string name) =>
        OfType("Microsoft.Resources/deployments").Single(resource => (string?)resource.Node["name"] == name);

    private static void Collect(JsonObject template, string deploymentName, List<ArmResource> into)
    {
        // languageVersion 2.0 templates key resources by symbolic name; classic ones list them.
        var resources = template["resources"] switch
        {
            JsonArray list => list.Select(node => node!.AsObject()),
            JsonObject byName => byName.Select(pair => pair.Value!.AsObject()),
            _ => [],
        };

        foreach (var resource in resources)
        {
            into.Add(new ArmResource(resource, template, deploymentName));
            if (resource["properties"]?["template"] is JsonObject nested)
            {
                Collect(nested, (string)resource["name"]!, into);
            }
        }
    }
}
