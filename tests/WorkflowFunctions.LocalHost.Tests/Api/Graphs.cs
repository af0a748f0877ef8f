using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>The workflow graphs the API tests save and run.</summary>
internal static class Graphs
{
    /// <summary>Input <c>name</c> (text, required), <c>count</c> (number), <c>color</c> (select red/green); outputs "Hello {name}".</summary>
    public static JsonNode Greeting() => JsonNode.Parse("""
        {"start_node":"t","nodes":[
          {"id":"t","type":"trigger-node","data":{"input_fields":[
            {"id":"name","title":"Name","type":"text","input_requirements":true},
            {"id":"count","type":"number"},
            {"id":"color","type":"select","options":["red","green"]}]}},
          {"id":"o","type":"output-node","data":{"output":"Hello {{ input.name }}"}}
        ],"edges":[{"source":"t","target":"o"}]}
        """)!;

    /// <summary>No input fields; outputs the raw text input.</summary>
    public static JsonNode RawEcho() => JsonNode.Parse("""
        {"start_node":"t","nodes":[
          {"id":"t","type":"trigger-node","data":{}},
          {"id":"o","type":"output-node","data":{"output":"raw={{ input.__raw_input__ }}"}}
        ],"edges":[{"source":"t","target":"o"}]}
        """)!;

    /// <summary>Waits on approval node <c>a</c> before its output.</summary>
    public static JsonNode Approval() => JsonNode.Parse("""
        {"start_node":"t","nodes":[
          {"id":"t","type":"trigger-node","data":{}},
          {"id":"a","type":"approval-node","data":{"instructions":"check it"}},
          {"id":"o","type":"output-node","data":{"output":"approved"}}
        ],"edges":[{"source":"t","target":"a"},{"source":"a","target":"o"}]}
        """)!;

    /// <summary>
    /// An <c>http-node</c> run by <see cref="ProbeNodeExecutor"/> (waiting <paramref name="delayMs"/>, after holding
    /// until <paramref name="holdUntilConcurrent"/> executions overlap when that is above 1, or until the test releases
    /// the workflow with <paramref name="holdUntilReleased"/>), then the output.
    /// </summary>
    public static JsonNode Probe(int delayMs, int holdUntilConcurrent = 0, bool holdUntilReleased = false)
    {
        var graph = JsonNode.Parse("""
        {"start_node":"t","nodes":[
          {"id":"t","type":"trigger-node","data":{"input_fields":[{"id":"n","type":"number","input_requirements":true}]}},
          {"id":"h","type":"http-node","data":{"url":"https://probe.invalid/","test":{"delay_ms":0}}},
          {"id":"o","type":"output-node","data":{}}
        ],"edges":[{"source":"t","target":"h"},{"source":"h","target":"o"}]}
        """)!;
        graph["nodes"]![1]!["data"]!["test"]!["delay_ms"] = delayMs;
        if (holdUntilConcurrent > 1)
        {
            graph["nodes"]![1]!["data"]!["test"]!["hold_until_concurrent"] = holdUntilConcurrent;
        }

        if (holdUntilReleased)
        {
            graph["nodes"]![1]!["data"]!["test"]!["hold_until_released"] = true;
        }

        return graph;
    }

    /// <summary>Two errors (unknown node type, edge to a missing node) and one warning (an unreachable node).</summary>
    public static JsonNode Invalid() => JsonNode.Parse("""
        {"start_node":"t","nodes":[
          {"id":"t","type":"trigger-node","data":{}},
          {"id":"m","type":"mystery-node","data":{}},
          {"id":"o","type":"output-node","data":{}},
          {"id":"orphan","type":"output-node","data":{}}
        ],"edges":[{"source":"t","target":"m"},{"source":"m","target":"o"},{"source":"t","target":"ghost"}]}
        """)!;

    /// <summary>Valid, with one warning: an output node nothing leads to.</summary>
    public static JsonNode WithWarning() => JsonNode.Parse("""
        {"start_node":"t","nodes":[
          {"id":"t","type":"trigger-node","data":{}},
          {"id":"o","type":"output-node","data":{"output":"ok"}},
          {"id":"orphan","type":"output-node","data":{}}
        ],"edges":[{"source":"t","target":"o"}]}
        """)!;
}
