using System.Net;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>A table workflow through the API on Azurite: map-rows' orchestrations run on DTFx, and the result carries the table.</summary>
[Collection(ApiGroup.Name)]
public class TableRunTests(ApiFixture fixture)
{
    /// <summary>
    /// Input <c>csv_text</c> and <c>min</c>; imports the CSV, calls the probe http-node once per row (it answers
    /// <c>{}</c>, the part of the input the call reads), keeps rows whose score is at least <c>{{ min }}</c>.
    /// </summary>
    private static JsonNode Graph() => JsonNode.Parse("""
        {"start_node":"t","nodes":[
          {"id":"t","type":"trigger-node","data":{"input_fields":[{"id":"csv_text","type":"text","input_requirements":true},
              {"id":"min","type":"number","default_value":0.5}]}},
          {"id":"csv","type":"import-csv-node","data":{"text":"{{ csv_text }}"}},
          {"id":"m","type":"map-rows-node","data":{"table":"{{ csv.result }}","column":"probe","concurrency":3,
            "call":{"type":"http-node","data":{"url":"https://example.com/{{ row.name }}"}}}},
          {"id":"f","type":"filter-rows-node","data":{"table":"{{ m.result }}","condition":{"left":"{{ row.score }}","operator":">=","right":"{{ min }}"}}},
          {"id":"o","type":"output-node","data":{"output":"{{ f.result }}"}}
        ],"edges":[{"source":"t","target":"csv"},{"source":"csv","target":"m"},{"source":"m","target":"f"},{"source":"f","target":"o"}]}
        """)!;

    [Fact]
    public async Task Start_ImportMapFilterWorkflow_ResultCarriesTheFilteredTable()
    {
        // Arrange: saving validates the graph (bare variables, row templates, table sources).
        var workflow = await fixture.Api.CreateWorkflowAsync(Graph());

        // Act
        var finished = await fixture.Api.PostAsync(
            $"v1/workflows/{workflow}/runs?wait=60",
            new JsonObject { ["csv_text"] = "name,score\nAlice,0.9\nBob,0.2\nCarol,0.5" });

        // Assert
        Assert.Equal(HttpStatusCode.OK, finished.Status);
        Assert.Equal("succeeded", finished.Text("status"));
        var table = finished.Body!["result"]!["table"]!;
        Assert.Equal(
            """{"node_id":"o","columns":[{"id":"name","header":"name","type":"string"},{"id":"score","header":"score","type":"number"},"""
                + """{"id":"probe","header":"Probe","type":"string"}],"rows":[{"name":"Alice","score":0.9,"probe":"{}"},"""
                + """{"name":"Carol","score":0.5,"probe":"{}"}],"start":0,"end":2,"total_rows":2}""",
            table.ToJsonString());
        Assert.Equal(3, finished.Body["result"]!["nodes"]!["m"]!["result"]!["row_count"]!.GetValue<int>());
    }
}
