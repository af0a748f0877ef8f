using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>
/// What a run input may be, the same for single runs, batch items and ad-hoc runs: an object or an array is the
/// input (reference 003 runs arrays, <c>{{ input[0] }}</c>), <c>null</c> is no input (<c>{}</c>), and a string,
/// number or boolean is a 422 <c>input.not_object</c>; text goes as <c>text/plain</c>.
/// </summary>
[Collection(ApiGroup.Name)]
public class RunInputShapeTests(ApiFixture fixture)
{
    private static readonly JsonNode Echo = JsonNode.Parse("""
        {"start_node":"t","nodes":[
          {"id":"t","type":"trigger-node","data":{}},
          {"id":"o","type":"output-node","data":{"output":"first={{ input[0] }} name={{ input.name }}"}}
        ],"edges":[{"source":"t","target":"o"}]}
        """)!;

    private ApiClient Api => fixture.Api;

    [Theory]
    [InlineData("\"x\"", "a string")]
    [InlineData("42", "a number")]
    [InlineData("false", "a boolean")]
    public async Task Start_JsonScalarBody_Returns422NotObject(string body, string kind)
    {
        var workflow = await Api.CreateWorkflowAsync(Echo);

        var response = await StartAsync(workflow, body);

        response.AssertProblem(HttpStatusCode.UnprocessableEntity, "input");
        var error = Assert.Single(response.Body!["errors"]!.AsArray())!;
        Assert.Equal(("input.not_object", "$"), (error["code"]!.GetValue<string>(), error["path"]!.GetValue<string>()));
        Assert.Equal($"The run input must be a JSON object or array (send text as text/plain); found {kind}.", error["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("[1, 2]", "first=1 name=")]
    [InlineData("""[{"a": 1}]""", """first={"a":1} name=""")]
    [InlineData("null", "first= name=")]
    [InlineData("""{"name": "Ann"}""", "first= name=Ann")]
    public async Task Start_ArrayObjectOrNullBody_RunsWithThatInput(string body, string output)
    {
        var workflow = await Api.CreateWorkflowAsync(Echo);

        var finished = await StartAsync(workflow, body, "?wait=30");

        Assert.Equal(HttpStatusCode.OK, finished.Status);
        Assert.Equal("succeeded", finished.Text("status"));
        Assert.Equal(output, finished.Body!["result"]!["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task StartAdHoc_ScalarInput_Returns422NotObject()
    {
        var response = await Api.PostAsync("v1/runs", new JsonObject { ["definition"] = Echo.DeepClone(), ["input"] = "x" });

        response.AssertProblem(HttpStatusCode.UnprocessableEntity, "input");
        Assert.Equal("input.not_object", Assert.Single(response.ErrorCodes));
    }

    [Fact]
    public async Task CreateBatch_ScalarItem_Returns422NamingOnlyThatItem()
    {
        var workflow = await Api.CreateWorkflowAsync(Echo);
        var items = new JsonArray(new JsonArray(1, 2), "x", null, new JsonObject { ["name"] = "Ann" });

        var response = await Api.PostAsync($"v1/workflows/{workflow}/batches", new JsonObject { ["items"] = items });

        response.AssertProblem(HttpStatusCode.UnprocessableEntity, "1 of 4 item(s)");
        var error = Assert.Single(response.Body!["errors"]!.AsArray())!;
        Assert.Equal(
            (1, "input.not_object", "$.items[1]"),
            (error["index"]!.GetValue<int>(), error["code"]!.GetValue<string>(), error["path"]!.GetValue<string>()));
    }

    [Fact]
    public async Task CreateBatch_ArrayNullAndObjectItems_RunEachWithItsInput()
    {
        var workflow = await Api.CreateWorkflowAsync(Echo);
        var items = new JsonArray(new JsonArray(1, 2), null, new JsonObject { ["name"] = "Ann" });

        var created = await Api.PostAsync($"v1/workflows/{workflow}/batches", new JsonObject { ["items"] = items });
        Assert.Equal(HttpStatusCode.Accepted, created.Status);
        var outputs = new List<string>();
        foreach (var run in created.Body!["runs"]!.AsArray())
        {
            var finished = await Api.PollRunAsync(run!["run_id"]!.GetValue<string>());
            Assert.True(finished["result"]?["output"] is JsonValue, finished.ToJsonString());
            outputs.Add(finished["result"]!["output"]!.GetValue<string>());
        }

        Assert.Equal(["first=1 name=", "first= name=", "first= name=Ann"], outputs);
    }

    private async Task<ApiResponse> StartAsync(string workflow, string body, string query = "")
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await Api.SendAsync(HttpMethod.Post, $"v1/workflows/{workflow}/runs{query}", content);
    }
}
