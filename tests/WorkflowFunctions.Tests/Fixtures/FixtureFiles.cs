using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.Tests.Fixtures;

/// <summary>Reads the JSON fixtures copied next to the test assembly.</summary>
internal static class FixtureFiles
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    /// <summary>The <c>data</c> object of the reference 003 example workflow (Trigger, If/Else, two LLM branches).</summary>
    public static JsonElement Reference003Data() =>
        JsonSerializer.SerializeToElement(JsonNode.Parse(Read("reference-003-workflow.json"))!["data"]);
}
