using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Templates;
using WorkflowFunctions.Nodes;

namespace WorkflowFunctions.Tests.Fixtures;

/// <summary>
/// The LLM (or HTTP) executor's test double. The node's <c>data.test</c> object scripts it:
/// <c>fail_times</c> (retryable failures before succeeding), <c>fail</c> (a permanent failure),
/// <c>hang</c> (wait until cancelled), <c>hang_times</c> (the first that many attempts wait until cancelled), <c>rendezvous</c> + <c>parties</c>
/// (wait until that many nodes of the run are executing at once), <c>size_kb</c> (content of that size), <c>cost</c>, <c>input_tokens</c>,
/// <c>output_tokens</c>.
/// Otherwise the content is the node's rendered messages joined by newlines.
/// </summary>
internal sealed class ScriptedNodeExecutor(string nodeType, ExecutionJournal journal) : INodeExecutor
{
    public string NodeType { get; } = nodeType;

    public async Task<NodeExecutionResult> ExecuteAsync(NodeExecutionRequest request, CancellationToken cancellationToken)
    {
        var script = request.Node["test"] as JsonObject ?? [];
        var entry = journal.For(request.RunId, request.NodeId);
        var attempt = entry.BeginAttempt();
        try
        {
            if (Text(script, "rendezvous") is { } point)
            {
                await journal.ArriveAsync(request.RunId + "/" + point, Number(script, "parties") ?? 2, cancellationToken);
            }

            if (script["hang"] is not null || (Number(script, "hang_times") is { } hangTimes && attempt <= hangTimes))
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            if (Number(script, "fail_times") is { } failTimes && attempt <= failTimes)
            {
                return NodeExecutionResult.Failure($"scripted failure {attempt}");
            }

            if (Text(script, "fail") is { } permanent)
            {
                return NodeExecutionResult.Failure(permanent, retryable: false);
            }

            var content = Number(script, "size_kb") is { } size ? new string('x', size * 1024) : RenderMessages(request);
            var result = new JsonObject { ["content"] = content };
            if (script["cost"] is { } cost)
            {
                result["cost"] = cost.DeepClone();
                result["usage"] = new JsonObject
                {
                    ["input_tokens"] = Number(script, "input_tokens") ?? 0,
                    ["output_tokens"] = Number(script, "output_tokens") ?? 0,
                };
            }

            return NodeExecutionResult.Success(result);
        }
        finally
        {
            entry.End();
        }
    }

    private static string RenderMessages(NodeExecutionRequest request)
    {
        var scope = request.TemplateScope();
        var parts = new List<string>();
        foreach (var message in request.Node["messages"] as JsonArray ?? [])
        {
            var text = (string?)message?["message"] ?? string.Empty;
            parts.Add(Template.TryParse(text, out var template, out var error) ? template.Render(scope) : throw new InvalidOperationException(error));
        }

        return string.Join('\n', parts);
    }

    private static string? Text(JsonObject script, string name) =>
        script[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static int? Number(JsonObject script, string name) =>
        script[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<int>() : null;
}
