using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Engine.Definition;

namespace WorkflowFunctions.Nodes.Http;

/// <summary>
/// Runs <c>http-node</c>s through the guarded <see cref="HttpClientName"/> client: returns
/// <c>{content, status, headers, truncated}</c> (plus <c>json</c> when the body is JSON). A non-2xx status fails
/// the node unless listed in <c>accepted_statuses</c>: 408, 429 and 5xx retryably, other statuses at once; a
/// refused (private) address fails at once with the setting that would allow it.
/// </summary>
public sealed class HttpNodeExecutor(
    IHttpClientFactory httpClients,
    IOptionsMonitor<HttpNodeOptions> options,
    ILogger<HttpNodeExecutor> logger) : INodeExecutor
{
    /// <summary>The named HTTP client nodes use (guarded connect, redirects capped, resilience handler).</summary>
    public const string HttpClientName = "http-node";

    private const int ErrorBodyLength = 500;

    // Response headers worth passing on: they describe the content or the next step, and carry no session secrets.
    private static readonly string[] SafeHeaders =
        ["content-type", "content-length", "content-language", "content-disposition", "etag", "last-modified", "location", "retry-after", "cache-control"];

    public string NodeType => NodeTypes.Http;

    public async Task<NodeExecutionResult> ExecuteAsync(NodeExecutionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.CurrentValue;
        if (!HttpNodeCall.TryRead(request.Node, request.TemplateScope(), settings, out var call, out var problem))
        {
            return NodeExecutionResult.Failure(problem!, retryable: false);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(call.Timeout);
        try
        {
            using var message = call.ToRequestMessage();
            using var response = await httpClients.CreateClient(HttpClientName)
                .SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var body = await ResponseBody.ReadAsync(response.Content, settings.MaxResponseBytes, timeout.Token);
            return Outcome(request, call, response, body);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Failed(
                request,
                $"{call.Describe()} timed out after {call.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s.",
                retryable: true);
        }
        catch (HttpRequestException ex) when (PrivateAddressRefusedException.Find(ex) is { } refused)
        {
            Logs.HttpNodeRefused(logger, request.RunId, request.NodeId, refused.Host ?? call.Url.Host, refused.Message);
            return NodeExecutionResult.Failure(refused.Message, retryable: false);
        }
        catch (HttpRequestException ex) when (UnresolvableHost.Is(ex))
        {
            return Failed(request, $"{call.Describe()} failed: the host name {call.Url.Host} does not resolve.", retryable: false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // Connection resets, DNS failures, a body cut off mid-read: worth another attempt.
            return Failed(request, $"{call.Describe()} failed: {ex.Message}", retryable: true);
        }
    }

    private NodeExecutionResult Outcome(NodeExecutionRequest request, HttpNodeCall call, HttpResponseMessage response, ResponseBody body)
    {
        var status = (int)response.StatusCode;
        if (status is < 200 or > 299 && !call.AcceptedStatuses.Contains(status))
        {
            var snippet = body.Text.Length > ErrorBodyLength ? body.Text[..ErrorBodyLength] + "..." : body.Text;
            var error = string.Create(CultureInfo.InvariantCulture, $"{call.Describe()} returned {status} {response.ReasonPhrase}")
                + (snippet.Length > 0 ? ": " + snippet : ".");
            return Failed(request, error, retryable: status is 408 or 429 or >= 500);
        }

        var result = new JsonObject
        {
            ["content"] = body.Text,
            ["status"] = status,
            ["headers"] = Headers(response),
            ["truncated"] = body.Truncated,
        };
        if (!body.Truncated && Json(response.Content.Headers.ContentType, body.Text) is { } json)
        {
            result["json"] = json;
        }

        return NodeExecutionResult.Success(result);
    }

    private NodeExecutionResult Failed(NodeExecutionRequest request, string error, bool retryable)
    {
        Logs.HttpNodeFailed(logger, request.RunId, request.NodeId, retryable, error);
        return NodeExecutionResult.Failure(error, retryable);
    }

    private static JsonObject Headers(HttpResponseMessage response)
    {
        var headers = new JsonObject();
        foreach (var name in SafeHeaders)
        {
            if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
            {
                headers[name] = string.Join(", ", values);
            }
        }

        return headers;
    }

    /// <summary>The body as JSON when it is declared JSON or, undeclared, looks like a JSON document and parses.</summary>
    private static JsonNode? Json(MediaTypeHeaderValue? contentType, string text)
    {
        var declared = HttpNodeCall.IsJson(contentType);
        if (!declared && !(contentType is null && text.TrimStart() is ['{' or '[', ..]))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
