using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Scale;

/// <summary>The workflows the Scale tests save: Scale's "cards" are their nodes, and their variables the trigger's input fields.</summary>
internal static class ScaleGraphs
{
    /// <summary>Four reviews (variable <c>csv</c>, inline by default) rated 0.9, 0.6, 0.1 and 0.9 by the LLM.</summary>
    public const string Reviews = "Name,Review\nAlice,I love it\nBob,It is ok\nCarol,Terrible\nDan,Great value";

    /// <summary>
    /// The pipeline: import CSV from <c>{{csv}}</c> -> map rows (the LLM rates each review with
    /// <c>{{prompt}}</c>, a <c>score</c> column) -> filter rows (<c>score &gt;= {{min_score}}</c>) -> output.
    /// </summary>
    public static JsonNode RatedReviews() => JsonNode.Parse("""
        {"start_node":"t","nodes":[
          {"id":"t","type":"trigger-node","data":{"input_fields":[
            {"id":"csv","type":"text","default_value":__REVIEWS__},
            {"id":"prompt","type":"text","default_value":"Rate this review from 0 to 1"},
            {"id":"min_score","type":"number","default_value":0.5}]}},
          {"id":"reviews","type":"import-csv-node","data":{"text":"{{csv}}"}},
          {"id":"rated","type":"map-rows-node","data":{"table":"{{ reviews.result }}","column":{"id":"score","header":"Score","type":"number"},"concurrency":2,
            "call":{"type":"basic-node",
              "data":{"messages":[{"role":"user","message":"{{prompt}}. Review: {{ row.review }}"}],"settings":{"model_name":"gpt-4o"}}}}},
          {"id":"kept","type":"filter-rows-node",
           "data":{"table":"{{ rated.result }}","condition":{"left":"{{ row.score }}","operator":">=","right":"{{min_score}}"}}},
          {"id":"out","type":"output-node","data":{"output":"{{ kept.result }}"}}],
         "edges":[{"source":"t","target":"reviews"},{"source":"reviews","target":"rated"},{"source":"rated","target":"kept"},{"source":"kept","target":"out"}]}
        """.Replace("__REVIEWS__", JsonValue.Create(Reviews).ToJsonString(), StringComparison.Ordinal))!;

    /// <summary>Sales rows of two regions, filtered to <c>{{region}}</c> (saved default <c>EU</c>).</summary>
    public static JsonNode Regions() => JsonNode.Parse("""
        {"start_node":"t","nodes":[
          {"id":"t","type":"trigger-node","data":{"input_fields":[{"id":"region","type":"text","default_value":"EU"}]}},
          {"id":"csv","type":"import-csv-node","data":{"text":"Name,Score,Region\nAlice,0.92,US\nBob,0.85,US\nCarol,0.4,EU"}},
          {"id":"f","type":"filter-rows-node","data":{"table":"{{ csv.result }}","condition":{"left":"{{ row.region }}","operator":"==","right":"{{region}}"}}},
          {"id":"o","type":"output-node","data":{"output":"{{ f.result }}"}}],
         "edges":[{"source":"t","target":"csv"},{"source":"csv","target":"f"},{"source":"f","target":"o"}]}
        """)!;

    /// <summary>An approval node that waits for a decision, then an output: a session that stays in progress.</summary>
    public static JsonNode Gate() => JsonNode.Parse("""
        {"start_node":"t","nodes":[
          {"id":"t","type":"trigger-node","data":{}},
          {"id":"a","type":"approval-node","data":{"instructions":"check it"}},
          {"id":"o","type":"output-node","data":{}}],
         "edges":[{"source":"t","target":"a"},{"source":"a","target":"o"}]}
        """)!;
}
