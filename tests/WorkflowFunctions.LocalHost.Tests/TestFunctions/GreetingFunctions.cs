using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace WorkflowFunctions.LocalHost.Tests.TestFunctions;

/// <summary>
/// Test-only functions covering each mapping path at once: an HTTP starter with a route value and a durable
/// client, an orchestrator reading a typed input, and an activity whose class gets a service from DI.
/// </summary>
public sealed class GreetingFunctions(Greeter greeter)
{
    public const string Orchestrator = "Greet";
    public const string Activity = "ComposeGreeting";

    [Function("StartGreeting")]
    public static async Task<IActionResult> Start(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "greetings/{name}")] HttpRequest request,
        string name,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var id = await client.ScheduleNewOrchestrationInstanceAsync(Orchestrator, new GreetingRequest(name, "!"));
        return new AcceptedResult((string?)null, new { id });
    }

    [Function(Orchestrator)]
    public static Task<string> Greet([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CallActivityAsync<string>(Activity, context.GetInput<GreetingRequest>());
    }

    [Function(Activity)]
    public string Compose([ActivityTrigger] GreetingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return greeter.Salutation + " " + request.Name + request.Punctuation;
    }
}
