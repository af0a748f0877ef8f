using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Templates;

namespace WorkflowFunctions.Nodes.Http;

/// <summary>
/// An <c>http-node</c>'s call with its templates rendered: <c>url</c>, <c>method</c>, <c>headers</c> and
/// <c>body</c>. A JSON body (an object in the node, or a string when the content type is JSON or the text is a
/// JSON document) is rendered value by value with <see cref="JsonTemplate"/>, so it stays valid JSON whatever
/// the run's data contains; any other body is rendered as text.
/// </summary>
public sealed partial record HttpNodeCall(
    HttpMethod Method,
    Uri Url,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? Body,
    MediaTypeHeaderValue? ContentType,
    TimeSpan Timeout,
    IReadOnlySet<int> AcceptedStatuses)
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    /// <summary>Reads and renders the node's data; a configuration problem gives a message naming the field.</summary>
    public static bool TryRead(JsonObject data, TemplateScope scope, HttpNodeOptions options, out HttpNodeCall call, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(options);
        call = null!;
        if (!TryRender(data["url"], "url", scope, out var urlText, out problem))
        {
            return false;
        }

        if (!Uri.TryCreate(urlText?.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            problem = "url must be an absolute http or https URL after rendering; other schemes are refused.";
            return false;
        }

        if (!TryRender(data["method"], "method", scope, out var methodText, out problem))
        {
            return false;
        }

        var method = string.IsNullOrWhiteSpace(methodText) ? "GET" : methodText.Trim().ToUpperInvariant();
        if (!Methods.Contains(method))
        {
            problem = $"method must be one of {string.Join(", ", Methods)}, not \"{method}\".";
            return false;
        }

        if (!TryRenderHeaders(data["headers"], scope, out var headers, out var contentType, out problem)
            || !TryRenderBody(data["body"], scope, ref contentType, out var body, out problem)
            || !TryReadStatuses(data["accepted_statuses"], out var accepted, out problem))
        {
            return false;
        }

        var timeout = Seconds(data["timeout_seconds"]) ?? options.DefaultTimeoutSeconds;
        call = new HttpNodeCall(new HttpMethod(method), url, headers, body, contentType, TimeSpan.FromSeconds(timeout), accepted);
        return true;
    }

    /// <summary>A new request message for this call.</summary>
    public HttpRequestMessage ToRequestMessage()
    {
        var message = new HttpRequestMessage(Method, Url);
        if (Body is not null)
        {
            message.Content = new StringContent(Body, Encoding.UTF8);
            message.Content.Headers.ContentType = ContentType;
        }

        foreach (var (name, value) in Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }

    /// <summary>The call as it may appear in errors: method, scheme, host and path; never the query, which may carry secrets.</summary>
    public string Describe() => $"{Method} {Url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)}";

    private static bool TryReadStatuses(JsonNode? node, out IReadOnlySet<int> statuses, out string? problem)
    {
        var set = new HashSet<int>();
        statuses = set;
        problem = null;
        if (node is null)
        {
            return true;
        }

        if (node is not JsonArray items)
        {
            problem = "accepted_statuses must be an array of status codes.";
            return false;
        }

        foreach (var item in items)
        {
            if (item is not JsonValue value || value.GetValueKind() != JsonValueKind.Number
                || !int.TryParse(value.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var status)
                || status is < 100 or > 599)
            {
                problem = $"accepted_statuses holds {item?.ToJsonString() ?? "null"}, which is not a status code (100-599).";
                return false;
            }

            set.Add(status);
        }

        return true;
    }

    private static bool TryRender(JsonNode? node, string field, TemplateScope scope, out string? rendered, out string? problem)
    {
        rendered = null;
        problem = null;
        if (node is null)
        {
            return true;
        }

        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            problem = $"{field} must be a string (a template).";
            return false;
        }

        try
        {
            rendered = TemplateCache.Get(value.GetValue<string>()).Render(scope);
            return true;
        }
        catch (FormatException ex)
        {
            problem = $"{field} is not a valid template: {ex.Message}";
            return false;
        }
        catch (TemplateOutputTooLargeException ex)
        {
            problem = TemplateOutputTooLargeException.Describe(field, ex.MaxBytes) + ".";
            return false;
        }
    }

    private static double? Seconds(JsonNode? node) =>
        node is JsonValue value
        && value.GetValueKind() == JsonValueKind.Number
        && double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
        && seconds > 0
        && double.IsFinite(seconds)
            ? seconds
            : null;
}
