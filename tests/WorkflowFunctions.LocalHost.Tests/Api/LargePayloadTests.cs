using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using WorkflowFunctions.Serialization;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>Runs whose definition, input and output add up to megabytes, in scripts that JSON escaping used to inflate.</summary>
[Collection(ApiGroup.Name)]
public class LargePayloadTests(ApiFixture fixture)
{
    private ApiClient Api => fixture.Api;

    [Fact]
    public async Task Start_NonAsciiDefinitionOfTwoMegabytes_Runs()
    {
        // 1.1 million Cyrillic letters: 2.2 MB as UTF-8, 6.6 MB once every letter is escaped as \uXXXX.
        var graph = Graphs.RawEcho();
        graph["nodes"]![0]!["data"]!["note"] = new string('ж', 1_100_000);
        // Sent as UTF-8 text, not escaped, to stay under the 4 MB body limit.
        using var body = new StringContent(
            new JsonObject { ["title"] = "cyrillic", ["data"] = graph }.ToJsonString(DurablePayloadJson.Options),
            Encoding.UTF8,
            "application/json");
        var created = await Api.SendAsync(HttpMethod.Post, "v1/workflows", body);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var workflow = created.Text("id");
        using var content = new StringContent("привет", Encoding.UTF8, "text/plain");

        var finished = await Api.SendAsync(HttpMethod.Post, $"v1/workflows/{workflow}/runs?wait=60", content);

        Assert.Equal(HttpStatusCode.OK, finished.Status);
        Assert.Equal("raw=привет", finished.Body!["result"]!["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_DefinitionAndOutputTogetherOverFourMebibytes_RunsAndReads()
    {
        // A 3 MiB definition and a 600 KiB input echoed to the output: reading the run back (its input and output
        // together) takes one message of over 4 MiB, gRPC's default limit.
        var graph = Graphs.RawEcho();
        graph["nodes"]![0]!["data"]!["note"] = new string('n', 3 * 1024 * 1024);
        var workflow = await Api.CreateWorkflowAsync(graph, "big");
        var input = new string('i', 600 * 1024);
        using var content = new StringContent(input, Encoding.UTF8, "text/plain");

        var finished = await Api.SendAsync(HttpMethod.Post, $"v1/workflows/{workflow}/runs?wait=60", content);

        Assert.Equal(HttpStatusCode.OK, finished.Status);
        Assert.Equal("raw=" + input, finished.Body!["result"]!["output"]!.GetValue<string>());
    }
}
