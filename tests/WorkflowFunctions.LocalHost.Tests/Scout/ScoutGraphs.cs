using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Scout;

/// <summary>The configs the Scout tests run (the native definition format); <c>http-node</c>s run on the API tests' probe executor.</summary>
internal static class ScoutGraphs
{
    /// <summary>A trigger with a required <c>name</c>, an http-node <c>echo</c> that answers the input, and an output <c>greet</c>.</summary>
    public static JsonNode Greeting() => JsonNode.Parse("""
        {"start_node":"t","nodes":[
          {"id":"t","type":"trigger-node","data":{"input_fields":[{"id":"name","type":"text","required":true}]}},
          {"id":"echo","type":"http-node","data":{"url":"https://probe.invalid/"}},
          {"id":"greet","type":"output-node","data":{"output":"Hello {{ input.name }}"}}],
         "edges":[{"source":"t","target":"echo"},{"source":"echo","target":"greet"}]}
        """)!;

    /// <summary>A trigger, then an http-node <c>bad</c> that fails the run with "boom".</summary>
    public static JsonNode Failing() => JsonNode.Parse("""
        {"start_node":"t","nodes":[
          {"id":"t","type":"trigger-node","data":{}},
          {"id":"bad","type":"http-node","data":{"url":"https://probe.invalid/","test":{"fail":"boom"},"retry":{"max_attempts":1}}},
          {"id":"o","type":"output-node","data":{"output":"never"}}],
         "edges":[{"source":"t","target":"bad"},{"source":"bad","target":"o"}]}
        """)!;

    /// <summary>An approval node that waits for a decision: a run that does not end by itself.</summary>
    public static JsonNode Gate() => JsonNode.Parse("""
        {"start_node":"t","nodes":[
          {"id":"t","type":"trigger-node","data":{}},
          {"id":"a","type":"approval-node","data":{"instructions":"check it"}},
          {"id":"o","type":"output-node","data":{}}],
         "edges":[{"source":"t","target":"a"},{"source":"a","target":"o"}]}
        """)!;

    /// <summary>An output <c>o</c> saying <paramref name="text"/>: a revision that tells itself apart.</summary>
    public static JsonNode Saying(string text) => new JsonObject
    {
        ["start_node"] = "t",
        ["nodes"] = new JsonArray(
            new JsonObject { ["id"] = "t", ["type"] = "trigger-node", ["data"] = new JsonObject() },
            new JsonObject { ["id"] = "o", ["type"] = "output-node", ["data"] = new JsonObject { ["output"] = text } }),
        ["edges"] = new JsonArray(new JsonObject { ["source"] = "t", ["target"] = "o" }),
    };
}
