using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Api.Dialects.ScriptRun;
using WorkflowFunctions.Api.Dialects.ScriptRun.Contracts;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Engine.Validation;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.Runs;
using WorkflowFunctions.Storage.Workflows;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Tests.Api.Dialects.ScriptRun;

/// <summary>Run starts in the envelope, workflows with integer ids, history rows and DRF pages.</summary>
public class ScriptRunMapperTests
{
    private static readonly Uri ListUrl = new("https://example.test/api/compat/scriptrun/api/v1/workflows/6/history/?page_size=2&ordering=-cost&page=2");

    [Fact]
    public void Started_Accepted_IsHttp200WithTheRunIdCreatedAndInner201()
    {
        var started = ScriptRunMapper.Started(new StartedRun("0781b175-2135-45ec-9063-ad3e0d929adc", "wf_1", 1, DateTimeOffset.UnixEpoch));

        AssertEnvelope(started, """{"data": {"id": "0781b175-2135-45ec-9063-ad3e0d929adc", "status": "created"}, "status": 201}""");
    }

    [Fact]
    public void Started_Draft_IsHttp200WithInner400ListingOnlyTheErrors()
    {
        var report = new ValidationReport(
        [
            ValidationFinding.Error("node.config_missing", "Node 'X': 'messages' is required.", "$.nodes[1]", "X"),
            ValidationFinding.Warning("node.unreachable", "Node 'o' cannot be reached.", "$.nodes[2]", "o"),
        ]);

        var started = ScriptRunMapper.Started(Failure.InvalidDefinition(report));

        AssertEnvelope(started, """{"data": {"errors": ["Node 'X': 'messages' is required."]}, "status": 400}""");
    }

    [Fact]
    public void Started_InvalidInput_IsHttp200WithInner422ListingEveryProblem()
    {
        var failure = new Failure(FailureKind.InvalidInput, "2 problems")
        {
            InputIssues =
                [
                    new InputIssue(null, "user_name", "input.required", "'user_name' is required.", "$.user_name"),
                    new InputIssue(null, "age", "input.type", "'age' must be a number.", "$.age"),
                ],
        };

        var started = ScriptRunMapper.Started(failure);

        AssertEnvelope(started, """{"data": {"errors": ["'user_name' is required.", "'age' must be a number."]}, "status": 422}""");
    }

    [Fact]
    public void Started_UnknownWorkflow_IsARealFailure()
    {
        var started = ScriptRunMapper.Started(Failure.NotFound("Workflow", "6"));

        Assert.Equal(FailureKind.NotFound, started.Failure?.Kind);
    }

    [Theory]
    [InlineData("307", 307L)]
    [InlineData("-2", -2L)]
    [InlineData("marketing", null)]
    [InlineData(null, null)]
    public void ProjectNumber_DecimalTextIsTheIntegerOtherwiseNone(string? project, long? number) =>
        Assert.Equal(number, ScriptRunMapper.ProjectNumber(project));

    [Fact]
    public void Workflow_ShowsTheAliasTheIntegerProjectAndTheGraphExactlyAsSaved()
    {
        const string graph = """{"viewport":{"x":434,"y":557,"zoom":1.0},"nodes":[],"edges":[],"start_node":"t"}""";
        var loaded = new LoadedWorkflow(
            Workflow(65, "12"),
            new WorkflowVersionRecord { WorkflowId = "wf_1", Version = 1, CreatedAt = default, Hash = "h", SizeBytes = 1, Definition = graph },
            PreparedWorkflow.Prepare(graph));

        var json = JsonNode.Parse(JsonSerializer.Serialize(ScriptRunMapper.Workflow(loaded), ScriptRunDialect.JsonOptions))!;

        Assert.Equal((65, 12L, "Text Classification Workflow"), ((int)json["id"]!, (long)json["project"]!, (string?)json["title"]));
        Assert.Equal(graph, json["data"]!.ToJsonString());
        Assert.Equal("2026-01-15T10:30:00Z", (string?)json["created_at"]);
    }

    [Fact]
    public void Check_Draft_IsInvalidWithItsErrorsAsStrings()
    {
        var loaded = new LoadedWorkflow(
            Workflow(6, "307"),
            new WorkflowVersionRecord { WorkflowId = "wf_1", Version = 1, CreatedAt = default, Hash = "h", SizeBytes = 2, Definition = "{}" },
            PreparedWorkflow.Prepare("{}"));

        var check = ScriptRunMapper.Check(loaded);

        Assert.False(check.Valid);
        Assert.Equal(6, check.Id);
        Assert.NotEmpty(check.Errors);
        Assert.All(check.Findings, f => Assert.Contains(f.Severity, new[] { "error", "warning" }));
    }

    [Fact]
    public void HistoryItem_FinishedRun_HasTimesDurationInSecondsAndCost()
    {
        var created = new DateTimeOffset(2026, 1, 15, 10, 30, 0, TimeSpan.Zero);
        var record = new RunRecord
        {
            AccountId = "acct", RunId = "r1", Status = RunStatuses.Succeeded, CreatedAt = created, StartedAt = created.AddMilliseconds(5),
            CompletedAt = created.AddMilliseconds(1505), DurationMs = 1500, TotalCost = 0.0032m,
        };

        var json = JsonNode.Parse(
            JsonSerializer.Serialize(ScriptRunMapper.HistoryItem(new RunSummary(record, RunStatus.Succeeded), 6), ScriptRunDialect.JsonOptions))!;

        var expected = JsonNode.Parse("""
            {"id": "r1", "workflow": 6, "status": "succeed", "created_at": "2026-01-15T10:30:00Z", "started_at": "2026-01-15T10:30:00.005Z",
             "finished_at": "2026-01-15T10:30:01.505Z", "duration": 1.5, "cost": 0.0032, "error": null}
            """);
        Assert.True(JsonNode.DeepEquals(expected, json), json.ToJsonString());
    }

    [Fact]
    public void Page_MiddlePage_LinksKeepTheOtherParametersAndThePreviousFirstPageHasNoPageParameter()
    {
        var page = ScriptRunMapper.Page(new NumberedPage<int>([3, 4], 5), i => i, ListUrl, number: 2, size: 2);

        var view = Assert.IsType<PageView<int>>(page.Body);
        Assert.Equal(5, view.Count);
        Assert.Equal("https://example.test/api/compat/scriptrun/api/v1/workflows/6/history/?page_size=2&ordering=-cost&page=3", view.Next);
        Assert.Equal("https://example.test/api/compat/scriptrun/api/v1/workflows/6/history/?page_size=2&ordering=-cost", view.Previous);
        Assert.Equal([3, 4], view.Results);
    }

    [Fact]
    public void Page_LastPage_HasNoNext()
    {
        var page = ScriptRunMapper.Page(new NumberedPage<int>([5], 5), i => i, ListUrl, number: 3, size: 2);

        var view = Assert.IsType<PageView<int>>(page.Body);
        Assert.Null(view.Next);
        Assert.Equal("https://example.test/api/compat/scriptrun/api/v1/workflows/6/history/?page_size=2&ordering=-cost&page=2", view.Previous);
    }

    [Fact]
    public void Page_EmptyListFirstPage_IsAnEmptyPage()
    {
        var page = ScriptRunMapper.Page(new NumberedPage<int>([], 0), i => i, new Uri("http://h/x/"), number: 1, size: 20);

        var json = JsonSerializer.Serialize(page.Body, page.Body!.GetType(), ScriptRunDialect.JsonOptions);
        Assert.Equal("""{"count":0,"next":null,"previous":null,"results":[]}""", json);
    }

    [Fact]
    public void Page_PastTheLastPage_IsDrfsInvalidPage()
    {
        var page = ScriptRunMapper.Page(new NumberedPage<int>([], 5), i => i, ListUrl, number: 4, size: 2);

        Assert.Equal(404, page.Status);
        Assert.Equal("Invalid page.", Assert.IsType<DetailView>(page.Body).Detail);
    }

    [Theory]
    [InlineData(null, null, 1, 20)]
    [InlineData("3", "10", 3, 10)]
    [InlineData("1", "500", 1, 100)]
    [InlineData("2", "zero", 2, 20)]
    [InlineData("2", "0", 2, 20)]
    [InlineData("abc", null, null, 20)]
    [InlineData("0", null, null, 20)]
    [InlineData("-1", null, null, 20)]
    public void Paging_Read_FollowsDrf(string? page, string? pageSize, int? number, int size) =>
        Assert.Equal((number, size), ScriptRunPaging.Read(page, pageSize));

    private static WorkflowRecord Workflow(int alias, string? project) => new()
    {
        AccountId = "acct", Id = "wf_1", Alias = alias, Title = "Text Classification Workflow", Project = project, LatestVersion = 1, LatestHash = "h",
        CreatedAt = new DateTimeOffset(2026, 1, 15, 10, 30, 0, TimeSpan.Zero), UpdatedAt = new DateTimeOffset(2026, 1, 15, 10, 30, 0, TimeSpan.Zero),
    };

    private static void AssertEnvelope(Outcome<ApiResponse> response, string expected)
    {
        Assert.True(response.Succeeded, response.Failure?.Message);
        Assert.Equal(200, response.Value.Status);
        var json = JsonNode.Parse(JsonSerializer.Serialize(response.Value.Body, response.Value.Body!.GetType(), ScriptRunDialect.JsonOptions));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), json), json!.ToJsonString());
    }
}
