using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.ScriptRun;

/// <summary>The workflows the ScriptRun tests save, in the document's graph format.</summary>
internal static class ScriptRunGraphs
{
    public const string Trigger = "052af1cb-86fd-443a-bc25-626c365025db";
    public const string Llm = "58a35684-7d25-4dff-b012-609eab065751";
    public const string Output = "93e9822b-63a4-4553-adb4-79029db3c09b";

    /// <summary>The output of <see cref="Greeting"/>: every input path the document's "Working with Input Data" section reads.</summary>
    private const string EchoOutput =
        "user={{ input.user_name }}|email={{ input.email }}|age={{ input.age }}|theme={{ input.preferences.theme }}"
        + "|tags={{ input.tags[0] }},{{ input.tags.1 }}|first={{ input.data[0].name }}|role={{ input.data[1].role }}|id={{ input.data[0].id }}"
        + "|raw={{ input.__raw_input__ }}|dev={{ input.company.departments[0].employees[1].role }}|hr={{ input.company.departments[1].employees[0].name }}";

    /// <summary>
    /// Workflow 6 of the document's run examples: optional <c>user_name</c> and <c>email</c>, the document's "In LLM
    /// Node" prompt, and an output echoing every input path the document's "Working with Input Data" section reads.
    /// </summary>
    public static JsonNode Greeting() => JsonNode.Parse($$$"""
        {"start_node": "{{{Trigger}}}",
         "viewport": {"x": 434, "y": 557, "zoom": 1.0},
         "nodes": [
           {"id": "{{{Trigger}}}", "type": "trigger-node", "position": {"x": 250, "y": 0},
            "data": {"id": "{{{Trigger}}}", "name": "Trigger", "label": "Trigger", "version": "0.1", "input_fields": [
              {"id": "user_name", "title": "User Name", "type": "text", "input_requirements": false, "placeholder": "Enter your name",
               "tooltip": "Full name of the user", "default_value": "", "options": []},
              {"id": "email", "title": "Email", "type": "text", "input_requirements": false, "placeholder": "", "tooltip": "", "default_value": "",
               "options": []}],
             "next_nodes": ["{{{Llm}}}"]}},
           {"id": "{{{Llm}}}", "type": "basic-node", "position": {"x": 550, "y": 0},
            "data": {"id": "{{{Llm}}}", "name": "LLM OpenAI", "label": "LLMOpenAI", "version": "0.1",
             "messages": [
               {"role": "system", "message": "You are a helpful assistant"},
               {"role": "user", "message": "Create a welcome message for {{ input.user_name }} with email {{ input.email }}"}],
             "settings": {"model_name": "gpt-4o", "temperature": 0.7},
             "next_nodes": ["{{{Output}}}"]}},
           {"id": "{{{Output}}}", "type": "output-node", "position": {"x": 850, "y": 0},
            "data": {"id": "{{{Output}}}", "name": "Output", "label": "Output", "next_nodes": [],
             "output": "{{{EchoOutput}}}"}}
         ],
         "edges": [
           {"id": "xy-edge__{{{Trigger}}}-{{{Llm}}}", "type": "custom-edge", "source": "{{{Trigger}}}", "target": "{{{Llm}}}", "animated": false},
           {"id": "xy-edge__{{{Llm}}}-{{{Output}}}", "type": "custom-edge", "source": "{{{Llm}}}", "target": "{{{Output}}}", "animated": false}
         ]}
        """)!;

    /// <summary>What <see cref="Greeting"/>'s output says for an input without any of the paths it reads (each is empty).</summary>
    public static string Echo(
        string user = "", string email = "", string age = "", string theme = "", string tags = ",", string first = "", string role = "", string id = "",
        string raw = "", string dev = "", string hr = "") =>
        $"user={user}|email={email}|age={age}|theme={theme}|tags={tags}|first={first}|role={role}|id={id}|raw={raw}|dev={dev}|hr={hr}";

    /// <summary>The document's input-fields example response, as a trigger's <c>input_fields</c>.</summary>
    public static JsonNode DocumentInputFields() => JsonNode.Parse("""
        [
          {"id": "user_name", "title": "User Name", "type": "text", "input_requirements": true, "placeholder": "Enter your name",
           "tooltip": "Full name of the user", "default_value": "", "options": []},
          {"id": "language", "title": "Language", "type": "select", "input_requirements": false, "placeholder": "",
           "tooltip": "Output language", "default_value": "en",
           "options": [{"title": "English", "value": "en", "is_default": true}, {"title": "Russian", "value": "ru", "is_default": false}]}
        ]
        """)!;

    /// <summary>A trigger declaring <paramref name="fields"/>, then an output.</summary>
    public static JsonNode WithInputFields(JsonNode fields) => new JsonObject
    {
        ["start_node"] = "t",
        ["nodes"] = new JsonArray(
            new JsonObject { ["id"] = "t", ["type"] = "trigger-node", ["data"] = new JsonObject { ["input_fields"] = fields.DeepClone() } },
            new JsonObject
            {
                ["id"] = "o", ["type"] = "output-node", ["data"] = new JsonObject { ["output"] = "Hello {{ input.user_name }} ({{ input.language }})" },
            }),
        ["edges"] = new JsonArray(new JsonObject { ["source"] = "t", ["target"] = "o" }),
    };

    /// <summary>Waits at approval node <c>gate</c> until decided or cancelled.</summary>
    public static JsonNode Approval() => JsonNode.Parse("""
        {"start_node": "t", "nodes": [
          {"id": "t", "type": "trigger-node", "data": {}},
          {"id": "gate", "type": "approval-node", "data": {"instructions": "check it"}},
          {"id": "o", "type": "output-node", "data": {"output": "approved"}}
        ], "edges": [{"source": "t", "target": "gate"}, {"source": "gate", "target": "o"}]}
        """)!;
}
