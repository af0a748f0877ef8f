using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowFunctions.Nodes;
using WorkflowFunctions.Serialization;

namespace WorkflowFunctions.Benchmarks;

/// <summary>An LLM-node stand-in: answers at once, or after <c>data.delay_ms</c> milliseconds.</summary>
internal sealed class BenchExecutor(string nodeType) : INodeExecutor
{
    public string NodeType => nodeType;

    /// <summary>The serialized size of the last request and result (as the engine carries them).</summary>
    public (int Request, int Result) LastSizes { get; private set; }

    /// <summary>Whether <see cref="LastSizes"/> is recorded (it costs two serializations per call).</summary>
    public bool Measure { get; set; }

    public async Task<NodeExecutionResult> ExecuteAsync(NodeExecutionRequest request, CancellationToken cancellationToken)
    {
        if (request.Node["delay_ms"] is JsonValue delay && delay.TryGetValue<int>(out var ms) && ms > 0)
        {
            await Task.Delay(ms, cancellationToken);
        }

        var result = NodeExecutionResult.Success(new JsonObject
        {
            ["content"] = string.Create(CultureInfo.InvariantCulture, $"done {request.NodeId}"),
            ["usage"] = new JsonObject { ["input_tokens"] = 1, ["output_tokens"] = 1 },
        });
        if (Measure)
        {
            LastSizes = (DurablePayloadJson.Converter.Serialize(request)!.Length, DurablePayloadJson.Converter.Serialize(result)!.Length);
        }

        return result;
    }
}
