using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace WorkflowFunctions.LocalHost.Tests.TestFunctions;

/// <summary>Functions the LocalHost must refuse at startup; tests describe them one method at a time, never host them.</summary>
public static class UnsupportedFunctions
{
    [Function("WithFunctionContext")]
    public static IActionResult WithFunctionContext(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "context")] HttpRequest request,
        FunctionContext context) =>
        new OkResult();

    [Function("WithUnroutedValue")]
    public static IActionResult WithUnroutedValue([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "things/{id}")] HttpRequest request, string name) =>
        new OkResult();

    [Function("ReturnsText")]
    public static string ReturnsText([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "text")] HttpRequest request) => "text";

    [Function("ActivityWithLogger")]
    public static string ActivityWithLogger([ActivityTrigger] string input, ILogger logger) => input;

    [Function("OrchestratorWithExtra")]
    public static string OrchestratorWithExtra([OrchestrationTrigger] TaskOrchestrationContext context, string extra) => extra;

    [Function("WithoutTrigger")]
    public static string WithoutTrigger(string input) => input;
}
