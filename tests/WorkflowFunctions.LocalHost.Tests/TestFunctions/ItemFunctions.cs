using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace WorkflowFunctions.LocalHost.Tests.TestFunctions;

/// <summary>Test-only HTTP functions: constrained route values bound to typed parameters, both result styles.</summary>
public static class ItemFunctions
{
    [Function("GetItem")]
    public static IActionResult GetItem([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "items/{id:guid}")] HttpRequest request, Guid id) =>
        new OkObjectResult(new { id });

    [Function("GetPage")]
    public static Task<IResult> GetPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "pages/{number:int}")] HttpRequest request,
        int number,
        CancellationToken cancellationToken) =>
        Task.FromResult(Results.Ok(new { number, next = number + 1 }));
}
