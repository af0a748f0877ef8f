using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Api.Dialects.ScriptRun;

namespace WorkflowFunctions.Tests.Api.Dialects.ScriptRun;

/// <summary>The document's internal execution-update callback: refused unless a service key is set and presented.</summary>
public class ScriptRunCallbackEndpointTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData(null, "anything")]
    [InlineData("", "")]
    [InlineData("service-secret", null)]
    [InlineData("service-secret", "service-secreT")]
    public void ExecutionUpdate_NoKeySetOrAnotherPresented_Is403(string? configured, string? presented)
    {
        var answer = Call(configured, presented);

        Assert.Equal(403, answer.StatusCode);
        Assert.Equal("""{"detail":"You do not have permission to perform this action."}""", answer.Content);
    }

    [Fact]
    public void ExecutionUpdate_TheConfiguredKey_IsAcknowledgedAsTheDocumentShows()
    {
        var answer = Call("service-secret", "service-secret");

        Assert.Equal(201, answer.StatusCode);
        Assert.Equal("""{"status":"created","detail":{"msg":"ok"}}""", answer.Content);
    }

    private static ContentResult Call(string? configured, string? presented)
    {
        var context = new DefaultHttpContext();
        if (presented is not null)
        {
            context.Request.Headers[ScriptRunCallbackEndpoint.ServiceKeyHeader] = presented;
        }

        var endpoint = new ScriptRunCallbackEndpoint(Options.Create(new ScriptRunOptions { ServiceKey = configured }));
        return Assert.IsType<ContentResult>(endpoint.ExecutionUpdate(context.Request));
    }
}
