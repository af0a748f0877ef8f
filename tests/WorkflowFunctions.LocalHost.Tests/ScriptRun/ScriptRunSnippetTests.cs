using System.Net;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.ScriptRun;

/// <summary>
/// Every client snippet of reference 003, run unchanged but for the base URL and key (Python <c>requests</c> and
/// curl), against the LocalHost on Azurite: workflow CRUD, input fields, validation, node schemas, runs in both
/// modes and with every example input, the polling pattern, <c>poll_workflow_result</c>, <c>parse_content</c>, the
/// document's steps for the final result, history, and drafts. Each test uses an account of its own.
/// </summary>
[Collection(ScriptRunGroup.Name)]
public sealed class ScriptRunSnippetTests(ScriptRunFixture fixture)
{
    private Uri Base => fixture.BaseUrl;

    [ClientSnippetFact]
    public async Task WorkflowSnippets_CreateListGetCheckUpdateDelete_AnswerAsTheDocumentDescribes()
    {
        // Arrange: a new account, whose workflows the create snippets number from 1.
        var client = await fixture.NewAccountAsync();
        var key = client.Key;

        // Act + Assert: create (data {} is a draft, saved), three times in each language, so workflow 6 exists.
        for (var id = 1; id <= 6; id += 2)
        {
            var python = (await ClientSnippets.PythonAsync(Base, key, ["create.py"])).Value;
            var curl = await ClientSnippets.CurlJsonAsync(Base, key, "create.sh");
            Assert.Equal(
                (id, 307L, "New workflow", "{}"),
                ((int)python["id"]!, (long)python["project"]!, (string?)python["title"], python["data"]!.ToJsonString()));
            Assert.Equal((id + 1, 307L, "New workflow"), ((int)curl["id"]!, (long)curl["project"]!, (string?)curl["title"]));
        }

        // List: a DRF page of project 307, newest first.
        foreach (var page in new[]
        {
            (await ClientSnippets.PythonAsync(Base, key, ["list.py"])).Value,
            await ClientSnippets.CurlJsonAsync(Base, key, "list.sh"),
        })
        {
            Assert.Equal(6, (int)page["count"]!);
            Assert.Null(page["next"]);
            Assert.Null(page["previous"]);
            Assert.Equal([6, 5, 4, 3, 2, 1], page["results"]!.AsArray().Select(w => (int)w!["id"]!));
            Assert.All(page["results"]!.AsArray(), w => Assert.Equal(307, (int)w!["project"]!));
        }

        // Get 6.
        var got = (await ClientSnippets.PythonAsync(Base, key, ["get.py"])).Value;
        Assert.Equal((6, "New workflow", "{}"), ((int)got["id"]!, (string?)got["title"], got["data"]!.ToJsonString()));
        Assert.Equal(6, (int)(await ClientSnippets.CurlJsonAsync(Base, key, "get.sh"))["id"]!);

        // check_workflow of the draft: not valid, with its errors as strings.
        foreach (var check in new[]
        {
            (await ClientSnippets.PythonAsync(Base, key, ["check_workflow.py"])).Value,
            await ClientSnippets.CurlJsonAsync(Base, key, "check_workflow.sh"),
        })
        {
            Assert.Equal((6, false), ((int)check["id"]!, (bool)check["valid"]!));
            Assert.NotEmpty(check["errors"]!.AsArray());
            Assert.All(check["errors"]!.AsArray(), e => Assert.False(string.IsNullOrWhiteSpace((string?)e)));
        }

        // Update: title and data.
        var updated = (await ClientSnippets.PythonAsync(Base, key, ["update.py"])).Value;
        Assert.Equal((6, "Updated Workflow Title", "{}"), ((int)updated["id"]!, (string?)updated["title"], updated["data"]!.ToJsonString()));
        Assert.Equal("Updated Workflow Title", (string?)(await ClientSnippets.CurlJsonAsync(Base, key, "update.sh"))["title"]);

        // Delete: 204, then it is gone (the curl delete and the get find nothing).
        var deleted = await ClientSnippets.PythonAsync(Base, key, ["delete.py"]);
        Assert.Equal(["204"], deleted.Printed);
        Assert.Equal("""{"detail":"Not found."}""", await ClientSnippets.CurlAsync(Base, key, "delete.sh"));
        Assert.Equal("Not found.", (string?)(await ClientSnippets.PythonAsync(Base, key, ["get.py"])).Value["detail"]);
    }

    [ClientSnippetFact]
    public async Task InputFieldsSnippets_Workflow271_AnswerTheTriggersFieldsExactlyAsSaved()
    {
        // Arrange: workflow 271 declares the document's example fields.
        var client = await fixture.NewAccountAsync();
        await client.CreateAsAsync(271, ScriptRunGraphs.WithInputFields(ScriptRunGraphs.DocumentInputFields()), "Input fields example");

        // Act
        var python = (await ClientSnippets.PythonAsync(Base, client.Key, ["input_fields.py"])).Value;
        var curl = await ClientSnippets.CurlJsonAsync(Base, client.Key, "input_fields.sh");

        // Assert: the document's example response, member for member.
        Assert.True(JsonNode.DeepEquals(ScriptRunGraphs.DocumentInputFields(), python), python.ToJsonString());
        Assert.True(JsonNode.DeepEquals(ScriptRunGraphs.DocumentInputFields(), curl), curl.ToJsonString());
    }

    [ClientSnippetFact]
    public async Task GetNodesSnippets_ListTheNodeTypesTheDocumentsGraphsUse()
    {
        var client = await fixture.NewAccountAsync();

        var python = (await ClientSnippets.PythonAsync(Base, client.Key, ["get_nodes.py"])).Value.AsArray();
        var curl = (await ClientSnippets.CurlJsonAsync(Base, client.Key, "get_nodes.sh")).AsArray();

        var types = python.Select(n => (string?)n!["type"]).ToList();
        Assert.Superset(new HashSet<string?> { "trigger-node", "if-else-node", "basic-node", "output-node" }, types.ToHashSet());
        Assert.All(python, n => Assert.Equal("object", (string?)n!["schema"]!["type"]));
        Assert.Equal(types, curl.Select(n => (string?)n!["type"]));
    }

    [ClientSnippetFact]
    public async Task RunSnippets_BothModesTextAndEveryExampleInput_StartRunsWhoseNodesSeeTheInput()
    {
        // Arrange
        var client = await fixture.NewAccountAsync();
        await client.CreateAsAsync(6, ScriptRunGraphs.Greeting());

        // Act: every snippet that starts workflow 6 prints the envelope with the run's UUID.
        var started = new Dictionary<string, string>
        {
            ["run_api_key.py"] = RunId((await ClientSnippets.PythonAsync(Base, client.Key, ["run_api_key.py"])).Value),
            ["run_api_key.sh"] = RunId(await ClientSnippets.CurlJsonAsync(Base, client.Key, "run_api_key.sh")),
            ["run_text.sh"] = RunId(await ClientSnippets.CurlJsonAsync(Base, client.Key, "run_text.sh")),
            ["run_jwt.py"] = RunId((await ClientSnippets.PythonAsync(Base, client.Key, ["run_jwt.py"])).Value),
            ["input_object.py"] = RunId((await ClientSnippets.PythonAsync(Base, client.Key, ["input_object.py"])).Value),
            ["input_object.sh"] = RunId(await ClientSnippets.CurlJsonAsync(Base, client.Key, "input_object.sh")),
            ["input_array.sh"] = RunId(await ClientSnippets.CurlJsonAsync(Base, client.Key, "input_array.sh")),
            ["input_text.sh"] = RunId(await ClientSnippets.CurlJsonAsync(Base, client.Key, "input_text.sh")),

            // The nested example prints nothing; its response is read in the same namespace.
            ["input_nested.py"] = RunId((await ClientSnippets.PythonAsync(Base, client.Key, ["input_nested.py"], "print(response.json())")).Value),
        };

        // poll_workflow_result for each run, then the document's final-result steps on what it returned.
        var ids = string.Join(", ", started.Values.Select(id => $"\"{id}\""));
        var polled = await ClientSnippets.PythonAsync(Base, client.Key, ["poll_workflow_result.py"], $$"""
            for run_id in [{{ids}}]:
                data = poll_workflow_result(run_id, "{{client.Key}}", 120)
                print(data)
            """);

        // Assert: every run succeeded, its output node saw the input the way the document's "Accessing in nodes" says.
        Assert.Null(polled.Error);
        var results = started.Keys.Zip(polled.Values).ToDictionary(p => p.First, p => p.Second!);
        Assert.All(results.Values, r => Assert.Equal("succeed", (string?)r["status"]));
        var john = ScriptRunGraphs.Echo(user: "John Doe", email: "john@example.com");
        var profile = ScriptRunGraphs.Echo(user: "John Doe", email: "john@example.com", age: "30", theme: "dark", tags: "admin,developer");
        Assert.Equal(john, Output(results["run_api_key.py"]));
        Assert.Equal(john, Output(results["run_api_key.sh"]));
        Assert.Equal(john, Output(results["run_jwt.py"]));
        Assert.Equal(ScriptRunGraphs.Echo(raw: "Hello, process this text"), Output(results["run_text.sh"]));
        Assert.Equal(profile, Output(results["input_object.py"]));
        Assert.Equal(profile, Output(results["input_object.sh"]));
        Assert.Equal(ScriptRunGraphs.Echo(first: "Alice", role: "user", id: "1"), Output(results["input_array.sh"]));
        Assert.Equal(ScriptRunGraphs.Echo(raw: "Hello, this is a simple text input"), Output(results["input_text.sh"]));
        Assert.Equal(ScriptRunGraphs.Echo(dev: "DevOps", hr: "Charlie"), Output(results["input_nested.py"]));

        // The LLM saw the document's prompt with the input, and its result carries the run's cost.
        var llm = results["run_jwt.py"]["data"]![ScriptRunGraphs.Llm]!;
        Assert.Contains("Create a welcome message for John Doe with email john@example.com", (string?)llm["result"]!["content"], StringComparison.Ordinal);
        Assert.True((decimal)results["run_jwt.py"]["metrics"]!["total_cost"]! > 0);
    }

    [ClientSnippetFact]
    public async Task PollingPattern_Workflow6_PrintsDoneWithTheSucceededResult()
    {
        var client = await fixture.NewAccountAsync();
        await client.CreateAsAsync(6, ScriptRunGraphs.Greeting());

        var done = await ClientSnippets.PythonAsync(Base, client.Key, ["polling_pattern.py"]);

        Assert.Null(done.Error);
        var line = Assert.Single(done.Printed);
        Assert.StartsWith("Done: ", line, StringComparison.Ordinal);
        var data = done.Values[0]!;
        Assert.Equal("succeed", (string?)data["status"]);
        Assert.Equal(ScriptRunGraphs.Echo(user: "John Doe"), Output(data));
    }

    [ClientSnippetFact]
    public async Task FinalResultAndParseContent_DocumentsSteps_FindTheOutputNodeAndParseTheFencedLlmContent()
    {
        // Arrange: a finished run of workflow 6.
        var client = await fixture.NewAccountAsync();
        await client.CreateAsAsync(6, ScriptRunGraphs.Greeting());
        var runId = await client.RunAsync(6, """{"user_name": "John Doe", "email": "john@example.com"}""");

        // Act: "Determining the Final Result" (status succeed; output nodes by type from GET /workflows/6/; their
        // result.content from data.data), then parse_content on each node's content.
        var output = await ClientSnippets.PythonAsync(Base, client.Key, ["poll_workflow_result.py", "parse_content.py"], $$"""
            data = poll_workflow_result("{{runId}}", "{{client.Key}}", 120)
            assert data["status"] == "succeed"
            workflow = requests.get("{{Base}}api/v1/workflows/6/", headers={"X-Api-Key": "{{client.Key}}"}).json()
            output_ids = [n["id"] for n in workflow["data"]["nodes"] if n["type"] == "output-node"]
            print([data["data"][i]["result"]["content"] for i in output_ids])
            print(parse_content(data["data"]["{{ScriptRunGraphs.Llm}}"]["result"]["content"]))
            print(parse_content(data["data"]["{{ScriptRunGraphs.Trigger}}"]["result"]["content"]))
            print(parse_content(data["data"][output_ids[0]]["result"]["content"]))
            """);

        // Assert
        Assert.Null(output.Error);
        Assert.Equal(ScriptRunGraphs.Echo(user: "John Doe", email: "john@example.com"), (string?)output.Values[0]!.AsArray().Single());
        Assert.Equal("Create a welcome message for John Doe with email john@example.com", (string?)output.Values[1]!["reply"]);
        Assert.Equal("John Doe", (string?)output.Values[2]!["user_name"]);
        Assert.Equal(ScriptRunGraphs.Echo(user: "John Doe", email: "john@example.com"), output.Printed[3]);
    }

    [ClientSnippetFact]
    public async Task HistorySnippets_AfterThreeRuns_ListThemNewestFirstWithTimesDurationAndCost()
    {
        // Arrange
        var client = await fixture.NewAccountAsync();
        await client.CreateAsAsync(6, ScriptRunGraphs.Greeting());
        var runs = new List<string>();
        foreach (var name in new[] { "Ann", "Bob", "Christina" })
        {
            var id = await client.RunAsync(6, new JsonObject { ["user_name"] = name }.ToJsonString());
            await client.ResultAsync(id);
            runs.Add(id);
        }

        // Act
        var python = (await ClientSnippets.PythonAsync(Base, client.Key, ["history.py"])).Value;
        var curl = await ClientSnippets.CurlJsonAsync(Base, client.Key, "history.sh");

        // Assert
        foreach (var page in new[] { python, curl })
        {
            Assert.Equal(3, (int)page["count"]!);
            Assert.Null(page["next"]);
            var items = page["results"]!.AsArray();
            Assert.Equal(Enumerable.Reverse(runs), items.Select(i => (string?)i!["id"]));
            Assert.All(items, i =>
            {
                Assert.Equal(("succeed", 6), ((string?)i!["status"], (int)i["workflow"]!));
                Assert.EndsWith("Z", (string?)i["created_at"], StringComparison.Ordinal);
                Assert.NotNull((string?)i["finished_at"]);
                Assert.True((double)i["duration"]! >= 0);
                Assert.True((decimal)i["cost"]! > 0);
            });
        }
    }

    [ClientSnippetFact]
    public async Task CheckWorkflowSnippets_RunnableWorkflow6_AreValid()
    {
        var client = await fixture.NewAccountAsync();
        await client.CreateAsAsync(6, ScriptRunGraphs.Greeting());

        var python = (await ClientSnippets.PythonAsync(Base, client.Key, ["check_workflow.py"])).Value;
        var curl = await ClientSnippets.CurlJsonAsync(Base, client.Key, "check_workflow.sh");

        Assert.Equal((6, true, 0), ((int)python["id"]!, (bool)python["valid"]!, python["errors"]!.AsArray().Count));
        Assert.True(JsonNode.DeepEquals(python, curl));
    }

    [ClientSnippetFact]
    public async Task WorkflowResultSnippets_TheDocumentsExampleRunId_AnswerNotFound()
    {
        // The document's example UUID names no run here: HTTP 400, the status word "not found", an empty node map.
        var client = await fixture.NewAccountAsync();

        var python = (await ClientSnippets.PythonAsync(Base, client.Key, ["workflow_result.py"])).Value;
        var curl = await ClientSnippets.CurlJsonAsync(Base, client.Key, "workflow_result.sh");

        foreach (var body in new[] { python, curl })
        {
            Assert.Equal(404, (int)body["status"]!);
            Assert.Equal(("0781b175-2135-45ec-9063-ad3e0d929adc", "not found"), ((string?)body["data"]!["id"], (string?)body["data"]!["status"]));
            Assert.Empty(body["data"]!["data"]!.AsObject());
        }
    }

    [ClientSnippetFact]
    public async Task DraftSnippets_Workflow6UpdatedToAnEmptyGraph_RunsAreRefusedWithReadableErrors()
    {
        // Arrange: workflow 6 runs, then the update snippet saves "data": {} over it (a draft).
        var client = await fixture.NewAccountAsync();
        await client.CreateAsAsync(6, ScriptRunGraphs.Greeting());
        Assert.Equal("{}", (await ClientSnippets.PythonAsync(Base, client.Key, ["update.py"])).Value["data"]!.ToJsonString());

        // Act
        var python = (await ClientSnippets.PythonAsync(Base, client.Key, ["run_api_key.py"])).Value;
        var curl = await ClientSnippets.CurlJsonAsync(Base, client.Key, "run_text.sh");
        var polling = await ClientSnippets.PythonAsync(Base, client.Key, ["polling_pattern.py"]);

        // Assert: HTTP 200 with the inner 400 and the draft's errors; the polling pattern stops at its status check.
        foreach (var refused in new[] { python, curl })
        {
            Assert.Equal(400, (int)refused["status"]!);
            Assert.NotEmpty(refused["data"]!["errors"]!.AsArray());
            Assert.All(refused["data"]!["errors"]!.AsArray(), e => Assert.False(string.IsNullOrWhiteSpace((string?)e)));
        }

        Assert.StartsWith("RuntimeError: Workflow failed to start: {'data': {'errors': [", polling.Error, StringComparison.Ordinal);
    }

    [ClientSnippetFact]
    public async Task PollWorkflowResult_RunTerminatedWhileWaiting_ReturnsFailedWithTheNodesItHadReached()
    {
        // Arrange: a run waiting for an approval, stopped by force (this host terminates cancelled runs at once).
        var client = await fixture.NewAccountAsync();
        var workflow = await client.CreateAsync("Approval", ScriptRunGraphs.Approval());
        var runId = await client.RunAsync(workflow, "{}");
        await fixture.Native.WithKey(client.Key).PollAsync($"v1/runs/{runId}", run => run["progress"]?["nodes"]?["gate"]?.GetValue<string>() == "waiting");
        var cancelled = await fixture.Native.WithKey(client.Key).PostAsync($"v1/runs/{runId}/cancel", new JsonObject { ["reason"] = "no longer needed" });
        Assert.Equal(HttpStatusCode.OK, cancelled.Status);

        // Act: the document's own polling function must come back, not loop until its deadline on an empty map.
        var polled = await ClientSnippets.PythonAsync(
            Base, client.Key, ["poll_workflow_result.py"], $"print(poll_workflow_result(\"{runId}\", \"{client.Key}\", 60))");

        // Assert
        var data = polled.Value;
        Assert.Equal("failed", (string?)data["status"]);
        Assert.Equal("succeed", (string?)data["data"]!["t"]!["status"]);
        Assert.Equal("failed", (string?)data["data"]!["gate"]!["status"]);
        Assert.Contains("no longer needed", (string?)data["error"], StringComparison.Ordinal);
    }

    private static string RunId(JsonNode started)
    {
        Assert.True((int?)started["status"] == 201, started.ToJsonString());
        Assert.Equal("created", (string?)started["data"]!["status"]);
        var id = (string)started["data"]!["id"]!;
        Assert.True(Guid.TryParseExact(id, "D", out _), id);
        return id;
    }

    private static string? Output(JsonNode result) => (string?)result["data"]![ScriptRunGraphs.Output]!["result"]!["content"];
}
