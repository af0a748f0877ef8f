using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowFunctions.Execution;

namespace WorkflowFunctions.Benchmarks;

/// <summary>An LLM-node stand-in: answers at once, or after <c>data.delay_ms</c> milliseconds.</summary>
internal sealed class BenchExecutor(string nodeType) : INodeExecutor
{
    public string NodeType => nodeType;

    public async Task<NodeExecutionResult> ExecuteAsync(NodeExecutionRequest request, CancellationToken cancellationToken)
    {
        if (request.Node["delay_ms"] is JsonValue delay && delay.TryGetValue<int>(out var ms) && ms > 0)
        {
            await Task.Delay(ms, cancellationToken);
        }

        return NodeExecutionResult.Success(new JsonObject
        {
            ["content"] = string.Create(CultureInfo.InvariantCulture, $"done {request.NodeId}"),
            ["usage"] = new JsonObject { ["input_tokens"] = 1, ["output_tokens"] = 1 },
        });
    }
}
