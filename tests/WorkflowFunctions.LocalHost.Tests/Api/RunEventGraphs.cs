using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>The graphs of the event tests.</summary>
internal static class RunEventGraphs
{
    /// <summary>A sub-workflow that outputs "child done".</summary>
    public static JsonNode Child() => JsonNode.Parse("""
        {"start_node":"ct","nodes":[
          {"id":"ct","type":"trigger-node","data":{}},
          {"id":"co","type":"output-node","data":{"output":"child done"}}
        ],"edges":[{"source":"ct","target":"co"}]}
        """)!;

    /// <summary>
    /// A node that fails once and is retried (<c>flaky</c>), an if-else whose false branch is skipped (<c>other</c>), an
    /// approval (<c>gate</c>), a sub-workflow (<c>w</c>) and a node that fails the run (<c>bad</c>).
    /// </summary>
    public static JsonNode Everything(string childWorkflowId)
    {
        var graph = JsonNode.Parse("""
        {"start_node":"t","nodes":[
          {"id":"t","type":"trigger-node","data":{}},
          {"id":"flaky","type":"http-node","data":{"url":"https://probe.invalid/","test":{"fail_times":1},"retry":{"max_attempts":2,"backoff_seconds":0.2}}},
          {"id":"cond","type":"if-else-node","data":{"condition":{"left":"yes","operator":"==","right":"yes"}}},
          {"id":"gate","type":"approval-node","data":{"instructions":"check it"}},
          {"id":"other","type":"http-node","data":{"url":"https://probe.invalid/"}},
          {"id":"w","type":"workflow-node","data":{"workflow_id":"CHILD"}},
          {"id":"bad","type":"http-node","data":{"url":"https://probe.invalid/","test":{"fail":"boom"},"retry":{"max_attempts":1}}}
        ],"edges":[
          {"source":"t","target":"flaky"},{"source":"flaky","target":"cond"},
          {"source":"cond","target":"gate","sourceHandle":"condition-true"},{"source":"cond","target":"other","sourceHandle":"condition-false"},
          {"source":"gate","target":"w"},{"source":"w","target":"bad"}]}
        """)!;
        graph["nodes"]![5]!["data"]!["workflow_id"] = childWorkflowId;
        return graph;
    }

    /// <summary>The events of a run of <see cref="Everything"/> approved when it waits, in order (type, and node for node events).</summary>
    public static readonly string[] EverythingEvents =
    [
        "run.queued", "run.started",
        "node.started:t", "node.succeeded:t",
        "node.started:flaky", "node.retrying:flaky", "node.succeeded:flaky",
        "node.started:cond", "node.succeeded:cond",
        "node.skipped:other",
        "node.started:gate", "node.waiting:gate", "node.succeeded:gate",
        "node.started:w", "node.succeeded:w",
        "node.started:bad", "node.failed:bad",
        "run.failed",
    ];

    /// <summary>
    /// An http-node <c>h</c> that echoes the input (or answers <paramref name="sizeKb"/> KB; held until the probe releases
    /// <paramref name="waitFor"/> when given), then the output.
    /// </summary>
    public static JsonNode Echo(string? waitFor = null, int? sizeKb = null)
    {
        var graph = JsonNode.Parse("""
        {"start_node":"t","nodes":[
          {"id":"t","type":"trigger-node","data":{}},
          {"id":"h","type":"http-node","data":{"url":"https://probe.invalid/","test":{}}},
          {"id":"o","type":"output-node","data":{"output":"{{ h.result.content }}"}}
        ],"edges":[{"source":"t","target":"h"},{"source":"h","target":"o"}]}
        """)!;
        if (waitFor is not null)
        {
            graph["nodes"]![1]!["data"]!["test"]!["wait_for"] = waitFor;
        }

        if (sizeKb is not null)
        {
            graph["nodes"]![1]!["data"]!["test"]!["size_kb"] = sizeKb;
        }

        return graph;
    }
}
