using System.Globalization;
using Microsoft.AspNetCore.Http;
using WorkflowFunctions.Runs;

namespace WorkflowFunctions.Api.Files;

/// <summary>
/// The absolute URL of a result-file link, on the host the request came in on (its scheme, host and path base), so a
/// client can download it as it is: <c>https://&lt;host&gt;/api/results/&lt;run id&gt;/result.json?expires=&lt;unix
/// seconds&gt;&amp;signature=&lt;base64url&gt;</c>.
/// </summary>
public static class ResultFileLinks
{
    public const string FileName = "result.json";

    public static string Url(HttpRequest request, ResultLink link)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(link);
        var path = ResultFileDialect.Instance.Path(Uri.EscapeDataString(link.RunId) + "/" + FileName);
        var query = QueryString.Create(new Dictionary<string, string?>
        {
            ["expires"] = link.Expires.ToString(CultureInfo.InvariantCulture),
            ["signature"] = link.Signature,
        });
        return request.Scheme + "://" + request.Host.ToUriComponent() + request.PathBase.ToUriComponent() + path + query.ToUriComponent();
    }
}
