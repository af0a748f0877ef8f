using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Evaluation;
using WorkflowFunctions.Engine.Tables;
using WorkflowFunctions.Nodes.Http;
using WorkflowFunctions.Settings;

namespace WorkflowFunctions.Nodes.Tables;

/// <summary>
/// Runs <c>import-csv-node</c>s that read a <c>url</c> (one that reads <c>text</c> is evaluated by the orchestrator):
/// a GET through the http-node's guarded client (same address policy, redirects and transient retries), its
/// <c>url</c> and <c>headers</c> rendered as an http-node's are, the body read up to the smaller of
/// <c>HttpNode__MaxResponseBytes</c> and <c>Tables__MaxBytes</c>, then parsed with the engine's CSV import.
/// </summary>
public sealed class ImportCsvNodeExecutor(
    IHttpClientFactory httpClients,
    IOptionsMonitor<HttpNodeOptions> httpOptions,
    IOptionsMonitor<TableOptions> tableOptions) : INodeExecutor
{
    public string NodeType => NodeTypes.ImportCsv;

    public async Task<NodeExecutionResult> ExecuteAsync(NodeExecutionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var http = httpOptions.CurrentValue;
        var tables = tableOptions.CurrentValue;
        var get = new JsonObject
        {
            ["url"] = request.Node["url"]?.DeepClone(),
            ["headers"] = request.Node["headers"]?.DeepClone(),
            ["timeout_seconds"] = request.Node["timeout_seconds"]?.DeepClone(),
        };
        if (!HttpNodeCall.TryRead(get, request.TemplateScope(), http, out var call, out var problem))
        {
            return NodeExecutionResult.Failure(problem!, retryable: false);
        }

        var limit = Math.Min(http.MaxResponseBytes, tables.MaxBytes);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(call.Timeout);
        ResponseBody body;
        try
        {
            using var message = call.ToRequestMessage();
            using var response = await httpClients.CreateClient(HttpNodeExecutor.HttpClientName)
                .SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (status is < 200 or > 299)
            {
                return NodeExecutionResult.Failure(
                    string.Create(CultureInfo.InvariantCulture, $"{call.Describe()} returned {status} {response.ReasonPhrase}."),
                    retryable: status is 408 or 429 or >= 500);
            }

            body = await ResponseBody.ReadAsync(response.Content, limit, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return NodeExecutionResult.Failure($"{call.Describe()} timed out after {NodeSeconds(call.Timeout)}.", retryable: true);
        }
        catch (HttpRequestException ex) when (PrivateAddressRefusedException.Find(ex) is { } refused)
        {
            return NodeExecutionResult.Failure(refused.Message, retryable: false);
        }
        catch (HttpRequestException ex) when (UnresolvableHost.Is(ex))
        {
            return NodeExecutionResult.Failure($"{call.Describe()} failed: the host name {call.Url.Host} does not resolve.", retryable: false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return NodeExecutionResult.Failure($"{call.Describe()} failed: {ex.Message}", retryable: true);
        }

        if (body.Truncated)
        {
            return NodeExecutionResult.Failure($"{call.Describe()} returned more than {limit} bytes, the most a CSV import reads.", retryable: false);
        }

        try
        {
            return NodeExecutionResult.Success(TableNodes.Import(request.NodeId, request.Node, body.Text, tables.Limits()));
        }
        catch (NodeEvaluationException ex)
        {
            return NodeExecutionResult.Failure(ex.Message, retryable: false);
        }
    }

    private static string NodeSeconds(TimeSpan timeout) => timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
