using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Engine.Tables;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Orchestration.Tables;

namespace WorkflowFunctions.Tests.Tables;

[Collection(TablesEngineGroup.Name)]
public sealed class TableRunTests(TablesEngineFixture engine)
{
    private const string People = "Name,Score\nAlice,0.92\nBob,0.45\nCarol,0.7\nDan,0.1";

    /// <summary>trigger (csv, min_score) -> import-csv "csv" -> map-rows "m" (LLM verdict) -> filter-rows "f" (verdict true) -> output "o".</summary>
    private static JsonElement Pipeline(
        string mapExtra = "", string question = "Is {{ row.name }} with score {{ row.score }} above {{ min_score }}?", int concurrency = 4) =>
        JsonSerializer.SerializeToElement(JsonNode.Parse("""
            {"start_node":"t","nodes":[
              {"id":"t","type":"trigger-node","data":{"input_fields":[{"id":"csv_text","type":"text"},{"id":"min_score","type":"number","default_value":0.5}]}},
              {"id":"csv","type":"import-csv-node","data":{"text":"{{ csv_text }}"}},
              {"id":"m","type":"map-rows-node","data":{"table":"{{ csv.result }}","column":{"id":"verdict","header":"Above","type":"boolean"},
                "concurrency":__CONCURRENCY__,__EXTRA__
                "call":{"type":"basic-node","data":{"messages":[{"role":"user","message":__QUESTION__}]}}}},
              {"id":"f","type":"filter-rows-node","data":{"table":"{{ m.result }}","condition":{"left":"{{ row.verdict }}","operator":"==","right":"true"}}},
              {"id":"o","type":"output-node","data":{"output":"{{ f.result }}"}}],
             "edges":[{"source":"t","target":"csv"},{"source":"csv","target":"m"},{"source":"m","target":"f"},{"source":"f","target":"o"}]}
            """
                .Replace("__EXTRA__", mapExtra, StringComparison.Ordinal)
                .Replace("__CONCURRENCY__", concurrency.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("__QUESTION__", JsonSerializer.Serialize(question), StringComparison.Ordinal)));

    private static WorkflowRunRequest Request(JsonElement definition, object input) => new()
    {
        WorkflowId = "wf-tables",
        Version = 1,
        AccountId = "acct",
        Definition = definition,
        Input = JsonSerializer.SerializeToElement(input),
    };

    private static string Csv(int rows) =>
        "name,score\n" + string.Join('\n', Enumerable.Range(0, rows).Select(i => string.Create(CultureInfo.InvariantCulture, $"p{i},{i % 10 / 10.0}")));

    [Fact]
    public async Task RunAsync_ImportMapFilterOutput_ReturnsTheFilteredTable()
    {
        // Act
        var result = await engine.RunAsync(Request(Pipeline(), new { csv_text = People, min_score = 0.5 }));

        // Assert: the LLM said yes for Alice and Carol; the output is the filtered table, and so is the run's table.
        Assert.True(result.Status == RunStatus.Succeeded, result.Error?.Message);
        var output = result.Nodes["o"].Result!;
        Assert.True(TableValue.IsTable(output));
        Assert.Equal("Name,Score,Above\nAlice,0.92,true\nCarol,0.7,true", (string?)output["content"]);
        Assert.Equal(output["content"]!.GetValue<string>(), result.Output!.GetValue<string>());
        var table = result.WithTable().Table!;
        Assert.Equal(("o", 0, 2, 2), (table.NodeId, table.Start, table.End, table.TotalRows));
        Assert.Equal([("name", "string"), ("score", "number"), ("verdict", "boolean")], table.Columns.Select(c => (c.Id, c.Type)));
        Assert.Equal("""[{"name":"Alice","score":0.92,"verdict":true},{"name":"Carol","score":0.7,"verdict":true}]""", JsonSerializer.Serialize(table.Rows));
        var mapped = result.Nodes["m"].Result!;
        Assert.Equal((4, 0), ((int)mapped["row_count"]!, (int)mapped["failed_rows"]!));
        Assert.Equal((40L, 4L), (result.Metrics.InputTokens, result.Metrics.OutputTokens));
    }

    [Fact]
    public async Task RunAsync_MapRowsOverSeveralChunks_AnswersEveryRowWithinTheConcurrencyCap()
    {
        // Arrange: 620 rows are 13 chunks of 50 (the last of 20), three at a time sharing a concurrency of 6.
        const int rows = 620;
        engine.ResetInFlight();
        var callsBefore = engine.LlmCalls;

        // Act
        var runId = await engine.StartAsync(Request(Pipeline(concurrency: 6), new { csv_text = Csv(rows), min_score = 0.45 }));
        var result = await engine.CompletionAsync(runId);

        // Assert
        Assert.True(result.Status == RunStatus.Succeeded, result.Error?.Message);
        var mapped = result.Nodes["m"].Result!["rows"]!.AsArray();
        Assert.Equal(rows, mapped.Count);
        Assert.All(mapped, row => Assert.Equal((double)row!["score"]! > 0.45, (bool)row["verdict"]!));
        Assert.Equal(rows / 2, (int)result.Nodes["f"].Result!["row_count"]!);
        Assert.Equal(rows, engine.LlmCalls - callsBefore);
        Assert.InRange(engine.MaxInFlight, 1, 6);

        var chunkIds = Enumerable.Range(0, 13).Select(i => MapRowsOrchestrator.ChunkId($"{runId}:m", i * TablesEngineFixture.ChunkRows)).ToList();
        foreach (var id in chunkIds)
        {
            var chunk = await engine.Client.GetInstanceAsync(id);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, chunk?.RuntimeStatus);
        }

        Assert.Null(await engine.Client.GetInstanceAsync(MapRowsOrchestrator.ChunkId($"{runId}:m", 13 * TablesEngineFixture.ChunkRows)));
    }

    [Fact]
    public async Task RunAsync_MapRowsOverSeveralChunks_KeepsEveryHistoryBounded()
    {
        // Arrange
        const int rows = 300;
        var runId = await engine.StartAsync(Request(Pipeline(), new { csv_text = Csv(rows), min_score = 0.5 }));
        await engine.CompletionAsync(runId);

        // Act: the histories of the run, the map-rows orchestration and each chunk.
        var ids = new List<string> { runId, $"{runId}:m" };
        ids.AddRange(Enumerable.Range(0, rows / TablesEngineFixture.ChunkRows)
            .Select(i => MapRowsOrchestrator.ChunkId($"{runId}:m", i * TablesEngineFixture.ChunkRows)));
        var sizes = new Dictionary<string, int>();
        foreach (var id in ids)
        {
            sizes[id] = engine.HistoryEvents(id);
        }

        // Assert: a chunk holds a few events per row of its own; the others a few per chunk or per node.
        Assert.All(
            sizes.Where(s => s.Key.Contains(":r", StringComparison.Ordinal)),
            s => Assert.InRange(s.Value, 2 * TablesEngineFixture.ChunkRows, (4 * TablesEngineFixture.ChunkRows) + 10));
        Assert.InRange(sizes[$"{runId}:m"], 2 * 6, (4 * 6) + 10);
        Assert.True(sizes[runId] < 40, $"the run's history has {sizes[runId]} events");
    }

    [Fact]
    public async Task RunAsync_RowCallFails_NodeFailsNamingTheRow()
    {
        // Arrange: Bob's question starts with "fail", which the LLM refuses (400, not retried).
        var definition = Pipeline(question: "{{ row.name }} score {{ row.score }} above {{ min_score }}");
        var csv = "name,score\nAlice,0.9\nfail Bob,0.8\nCarol,0.7";

        // Act
        var result = await engine.RunAsync(Request(definition, new { csv_text = csv, min_score = 0.5 }));

        // Assert
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal("m", result.Error!.NodeId);
        Assert.StartsWith("Map-rows node 'm': Row 2: ", result.Nodes["m"].Error, StringComparison.Ordinal);
        Assert.Contains("refused: fail Bob", result.Nodes["m"].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RowCallFailsWithEmptyOnRowError_LeavesItsCellEmptyAndCountsIt()
    {
        // Arrange
        var definition = Pipeline(mapExtra: "\"on_row_error\":\"empty\",", question: "{{ row.name }} score {{ row.score }} above {{ min_score }}");
        var csv = "name,score\nAlice,0.9\nfail Bob,0.8\nCarol,0.2";

        // Act
        var result = await engine.RunAsync(Request(definition, new { csv_text = csv, min_score = 0.5 }));

        // Assert
        Assert.True(result.Status == RunStatus.Succeeded, result.Error?.Message);
        var mapped = result.Nodes["m"].Result!;
        Assert.Equal(1, (int)mapped["failed_rows"]!);
        Assert.Equal(1, (int)mapped["row_errors"]![0]!["row"]!);
        Assert.Null(mapped["rows"]![1]!["verdict"]);
        Assert.Equal(["Alice"], result.WithTable().Table!.Rows.Select(r => (string)r["name"]!));
    }

    [Fact]
    public async Task RunAsync_EmptyTable_MapsNoRowsAndSucceeds()
    {
        // Act
        var result = await engine.RunAsync(Request(Pipeline(), new { csv_text = "name,score\n" }));

        // Assert
        Assert.True(result.Status == RunStatus.Succeeded, result.Error?.Message);
        Assert.Equal(0, result.WithTable().Table!.TotalRows);
        Assert.Equal(["name", "score", "verdict"], result.WithTable().Table!.Columns.Select(c => c.Id));
    }

    [Fact]
    public async Task RunAsync_BareVariablesInAnLlmNode_SendTheInputs()
    {
        // Arrange
        var definition = JsonSerializer.SerializeToElement(JsonNode.Parse("""
            {"start_node":"t","nodes":[
              {"id":"t","type":"trigger-node","data":{"input_fields":[{"id":"region","type":"text"},{"id":"date","type":"text"}],"next_nodes":["a"]}},
              {"id":"a","type":"basic-node","data":{"messages":[{"role":"user","message":"Sales in {{region}} on {{ date }}"}],"next_nodes":["o"]}},
              {"id":"o","type":"output-node","data":{}}]}
            """));

        // Act
        var result = await engine.RunAsync(Request(definition, new { region = "US", date = "2024-01-01" }));

        // Assert: the echo shows what the LLM was sent.
        Assert.Equal("Sales in US on 2024-01-01", result.Output!.GetValue<string>());
        Assert.Equal("Sales in US on 2024-01-01", (string)result.WithTable().Table!.Rows.Single()["output"]!);
    }

    [Fact]
    public async Task CancelAsync_WhileRowsRun_StopsTheMapAndItsChunks()
    {
        // Arrange: every call hangs until its 5 s timeout.
        var definition = Pipeline(mapExtra: "\"timeout_seconds\":5,\"retry\":{\"max_attempts\":1},", question: "hang {{ row.name }}");
        var runId = await engine.StartAsync(Request(definition, new { csv_text = Csv(120) }));
        var firstChunk = MapRowsOrchestrator.ChunkId($"{runId}:m", 0);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await engine.Client.GetInstanceAsync(firstChunk, limit.Token) is not { RuntimeStatus: OrchestrationRuntimeStatus.Running })
        {
            await Task.Delay(50, limit.Token);
        }

        // Act
        await RunControl.CancelAsync(engine.Client, runId, "enough", cancellationToken: limit.Token);

        // Assert
        var result = await engine.CompletionAsync(runId);
        Assert.Equal(RunStatus.Cancelled, result.Status);
        Assert.Equal(NodeStatus.Cancelled, result.Nodes["m"].Status);
        var map = await engine.Client.WaitForInstanceCompletionAsync($"{runId}:m", getInputsAndOutputs: true, limit.Token);
        var chunk = await engine.Client.WaitForInstanceCompletionAsync(firstChunk, getInputsAndOutputs: true, limit.Token);
        Assert.True(map.ReadOutputAs<MapRowsResult>()!.Cancelled);
        Assert.True(chunk.ReadOutputAs<MapRowsResult>()!.Cancelled);
        Assert.True(Encoding.UTF8.GetByteCount(chunk.SerializedOutput!) < 4096);
    }
}
