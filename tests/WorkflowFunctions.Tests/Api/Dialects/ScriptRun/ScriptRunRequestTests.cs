using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Api.Dialects.ScriptRun;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Tests.Api.Dialects.ScriptRun;

/// <summary>Reading ScriptRun requests (run bodies in both modes, workflow bodies) and rendering its failures.</summary>
public class ScriptRunRequestTests
{
    [Theory]
    [InlineData("application/json", """{"user_name": "John Doe", "email": "john@example.com"}""", """{"user_name":"John Doe","email":"john@example.com"}""")]
    [InlineData("application/json", """{"data": [{"id": 1, "name": "Alice"}]}""", """{"data":[{"id":1,"name":"Alice"}]}""")]
    [InlineData("application/json", """["a", "b"]""", """["a","b"]""")]
    [InlineData("text/plain", "Hello, process this text", """{"__raw_input__":"Hello, process this text"}""")]
    [InlineData("text/plain; charset=utf-8", """{"looks": "like json"}""", """{"__raw_input__":"{\"looks\": \"like json\"}"}""")]
    [InlineData("application/json", "{not json", """{"__raw_input__":"{not json"}""")]
    [InlineData("application/json", "\"just a string\"", """{"__raw_input__":"\"just a string\""}""")]
    [InlineData(null, "42", """{"__raw_input__":"42"}""")]
    [InlineData("application/x-www-form-urlencoded", "a=1", """{"__raw_input__":"a=1"}""")]
    [InlineData("application/json", null, "{}")]
    [InlineData("text/plain", "   ", "{}")]
    public void RunBody_ApiKeyMode_TheBodyIsTheInput(string? contentType, string? body, string input)
    {
        var read = ScriptRunRunBody.Read(apiKeyMode: true, contentType, body);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(input), read.Value), read.Value.ToJsonString());
    }

    [Theory]
    [InlineData("""{"input_data": {"user_name": "John Doe", "email": "john@example.com"}}""", """{"user_name":"John Doe","email":"john@example.com"}""")]
    [InlineData("""{"input_data": [1, 2]}""", "[1,2]")]
    [InlineData("""{"input_data": "some text"}""", """{"__raw_input__":"some text"}""")]
    [InlineData("""{"input_data": null}""", "{}")]
    [InlineData("""{"user_name": "flat"}""", "{}")]
    [InlineData(null, "{}")]
    public void RunBody_BearerMode_TheInputIsInputData(string? body, string input)
    {
        var read = ScriptRunRunBody.Read(apiKeyMode: false, "application/json", body);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(input), read.Value), read.Value.ToJsonString());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1]")]
    [InlineData("""{"input_data": 5}""")]
    public void RunBody_BearerModeUnreadable_IsABadRequest(string body)
    {
        var read = ScriptRunRunBody.Read(apiKeyMode: false, "application/json", body);

        Assert.Equal(FailureKind.BadRequest, read.Failure?.Kind);
    }

    [Fact]
    public void WorkflowBody_CreateWithTheDocumentsExample_ReadsProjectAsDecimalTextAndKeepsTheEmptyGraph()
    {
        var body = ScriptRunWorkflowBody.Read(Json("""{"project": 307, "title": "New workflow", "data": {}}"""), partial: false);

        Assert.Equal(new ScriptRunWorkflowBody("New workflow", "307", "{}"), body.Value);
    }

    [Fact]
    public void WorkflowBody_CreateWithNothing_ListsEveryRequiredFieldDrfStyle()
    {
        var body = ScriptRunWorkflowBody.Read(Json("{}"), partial: false);

        Assert.Equal(
            """{"project":["This field is required."],"title":["This field is required."],"data":["This field is required."]}""",
            Rendered(body.Failure!));
    }

    [Theory]
    [InlineData("""{"project": "abc", "title": "t", "data": {}}""", """{"project":["A valid integer is required."]}""")]
    [InlineData("""{"project": 1.5, "title": "t", "data": {}}""", """{"project":["A valid integer is required."]}""")]
    [InlineData("""{"project": null, "title": "t", "data": {}}""", """{"project":["This field may not be null."]}""")]
    [InlineData("""{"project": 1, "title": " ", "data": {}}""", """{"title":["This field may not be blank."]}""")]
    [InlineData("""{"project": 1, "title": "t", "data": []}""", """{"data":["Expected a JSON object."]}""")]
    [InlineData("""[{"project": 1}]""", """{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}""")]
    public void WorkflowBody_Invalid_IsRenderedAsDrfFieldErrors(string json, string rendered)
    {
        var body = ScriptRunWorkflowBody.Read(Json(json), partial: false);

        Assert.Equal(rendered, Rendered(body.Failure!));
    }

    [Theory]
    [InlineData("""{"project": "307", "title": "t", "data": {}}""", "307")]
    [InlineData("""{"project": 307.0, "title": "t", "data": {}}""", "307")]
    public void WorkflowBody_IntegerInOtherForms_IsAccepted(string json, string project) =>
        Assert.Equal(project, ScriptRunWorkflowBody.Read(Json(json), partial: false).Value.Project);

    [Fact]
    public void WorkflowBody_PatchWithTheDocumentsExample_ChangesTitleAndGraphOnly()
    {
        var body = ScriptRunWorkflowBody.Read(Json("""{"title": "Updated Workflow Title", "data": {}}"""), partial: true);

        Assert.Equal(new ScriptRunWorkflowBody("Updated Workflow Title", null, "{}"), body.Value);
    }

    [Fact]
    public void WorkflowBody_PatchEmpty_ChangesNothing() =>
        Assert.Equal(new ScriptRunWorkflowBody(null, null, null), ScriptRunWorkflowBody.Read(null, partial: true).Value);

    [Theory]
    [InlineData(FailureKind.Unauthorized, 401, """{"detail":"Authentication credentials were not provided."}""")]
    [InlineData(FailureKind.Forbidden, 403, """{"detail":"Authentication credentials were not provided."}""")]
    [InlineData(FailureKind.NotFound, 404, """{"detail":"Not found."}""")]
    [InlineData(FailureKind.TooLarge, 413, """{"detail":"Authentication credentials were not provided."}""")]
    public void Render_Failure_IsDrfsDetailWithTheStatus(FailureKind kind, int status, string body)
    {
        var response = ScriptRunDialect.Instance.Render(new Failure(kind, "Authentication credentials were not provided."));

        Assert.Equal(status, response.Status);
        Assert.Equal(body, JsonSerializer.Serialize(response.Body, response.Body!.GetType(), ScriptRunDialect.JsonOptions));
    }

    [Fact]
    public void Render_RateLimited_SaysWhenToRetry()
    {
        var response = ScriptRunDialect.Instance.Render(Failure.RateLimited(TimeSpan.FromSeconds(2.5), "slow down"));

        Assert.Equal((429, "3"), (response.Status, response.Headers!["Retry-After"]));
    }

    private static JsonElement? Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static string Rendered(Failure failure)
    {
        var response = ScriptRunDialect.Instance.Render(failure);
        Assert.Equal(400, response.Status);
        return JsonSerializer.Serialize(response.Body, response.Body!.GetType(), ScriptRunDialect.JsonOptions);
    }
}
