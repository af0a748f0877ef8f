using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Engine.Content;
using WorkflowFunctions.Engine.Definition;

namespace WorkflowFunctions.Nodes.Llm;

/// <summary>
/// Runs <c>basic-node</c>s: renders the messages, calls the configured model through Microsoft.Extensions.AI
/// and returns <c>{content, model, usage {input_tokens, output_tokens}, cost, price_known, finish_reason}</c>
/// (plus <c>json</c> for <c>response_format: "json"</c>); the orchestrator sums cost and usage into run metrics.
/// Without an LLM configuration the node fails at once, naming the settings to set.
/// </summary>
public sealed class LlmNodeExecutor(
    LlmChatClientFactory clients,
    IOptionsMonitor<LlmOptions> options,
    ILogger<LlmNodeExecutor> logger) : INodeExecutor
{
    public const string NotConfiguredMessage =
        "No LLM provider is configured: set Llm__Endpoint (an OpenAI-compatible base URL such as http://127.0.0.1:8080/v1; "
        + "empty means api.openai.com) and/or Llm__ApiKey, and Llm__Model (the default model); Llm__Provider=azure for Azure OpenAI.";

    public string NodeType => NodeTypes.Llm;

    public async Task<NodeExecutionResult> ExecuteAsync(NodeExecutionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.CurrentValue;
        if (ConfigurationProblem(settings) is { } problem)
        {
            return NodeExecutionResult.Failure(problem, retryable: false);
        }

        if (!LlmPrompt.TryRead(request.Node, request.TemplateScope(), out var prompt, out var invalid))
        {
            return NodeExecutionResult.Failure(invalid!, retryable: false);
        }

        var model = prompt.Model ?? settings.Model?.Trim();
        if (string.IsNullOrEmpty(model))
        {
            return NodeExecutionResult.Failure("No model: set settings.model_name on the node or Llm__Model for the deployment.", retryable: false);
        }

        ChatResponse response;
        try
        {
            using var client = clients.Create(model);
            response = await client.GetResponseAsync(prompt.Messages, prompt.ChatOptions(), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var failure = LlmFailure.From(ex, settings);
            Logs.LlmCallFailed(logger, request.RunId, request.NodeId, model, failure.Retryable, failure.Error!);
            return failure;
        }

        return Result(response, model, prompt, settings);
    }

    private static string? ConfigurationProblem(LlmOptions settings)
    {
        if (!settings.IsConfigured)
        {
            return NotConfiguredMessage;
        }

        if (!string.Equals(settings.Provider, LlmProviders.OpenAi, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(settings.Provider, LlmProviders.Azure, StringComparison.OrdinalIgnoreCase))
        {
            return $"Llm__Provider must be \"openai\" or \"azure\", not \"{settings.Provider}\".";
        }

        if (!string.IsNullOrWhiteSpace(settings.Endpoint)
            && !(Uri.TryCreate(settings.Endpoint.Trim(), UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https"))
        {
            return "Llm__Endpoint must be an absolute http or https URL, e.g. http://127.0.0.1:8080/v1.";
        }

        return string.Equals(settings.Provider, LlmProviders.Azure, StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(settings.Endpoint)
            ? "Llm__Provider=azure needs Llm__Endpoint, e.g. https://<resource>.openai.azure.com."
            : null;
    }

    private static NodeExecutionResult Result(ChatResponse response, string requestedModel, LlmPrompt prompt, LlmOptions settings)
    {
        if (response.Messages.Count == 0)
        {
            return NodeExecutionResult.Failure("The LLM provider's reply could not be read: it holds no message (no choices).", retryable: false);
        }

        var content = response.Text;
        var inputTokens = response.Usage?.InputTokenCount ?? 0;
        var outputTokens = response.Usage?.OutputTokenCount ?? 0;
        var prices = new ModelPriceTable(settings.Prices);
        var priced = prices.TryFind(response.ModelId, out var price) || prices.TryFind(requestedModel, out price);
        var result = new JsonObject
        {
            ["content"] = content,
            ["model"] = response.ModelId ?? requestedModel,
            ["usage"] = new JsonObject { ["input_tokens"] = inputTokens, ["output_tokens"] = outputTokens },
            ["cost"] = priced ? price.Cost(inputTokens, outputTokens) : 0m,
            ["price_known"] = priced,
        };
        if (response.FinishReason is { } finish)
        {
            result["finish_reason"] = finish.Value;
        }

        if (prompt.Json)
        {
            if (!ContentParser.TryParseJson(content, out var json))
            {
                return NodeExecutionResult.Failure("The model was asked for JSON (response_format \"json\") but its reply is not valid JSON.", retryable: true);
            }

            result["json"] = json;
        }

        return NodeExecutionResult.Success(result);
    }
}
