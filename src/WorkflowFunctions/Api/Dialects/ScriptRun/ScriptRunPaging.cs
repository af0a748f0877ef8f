using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace WorkflowFunctions.Api.Dialects.ScriptRun;

/// <summary>
/// DRF's page-number paging: <c>page</c> from 1 (anything else is not a page), <c>page_size</c> defaulting to
/// <see cref="DefaultSize"/> and capped at <see cref="MaxSize"/> (a value that is not a positive integer is ignored),
/// and links that change only <c>page</c> (left out for the first page, as DRF does).
/// </summary>
public static class ScriptRunPaging
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100;

    /// <summary>The page number and size the query asks for; a null page when <c>page</c> is not a page number.</summary>
    public static (int? Page, int Size) Read(string? page, string? pageSize)
    {
        var size = int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? Math.Min(s, MaxSize) : DefaultSize;
        if (string.IsNullOrEmpty(page))
        {
            return (1, size);
        }

        return (int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : null, size);
    }

    /// <summary><paramref name="requestUrl"/> with its <c>page</c> set to <paramref name="page"/> (removed for page 1).</summary>
    public static string Link(Uri requestUrl, int page)
    {
        ArgumentNullException.ThrowIfNull(requestUrl);
        var query = QueryHelpers.ParseQuery(requestUrl.Query);
        query.Remove("page");
        if (page > 1)
        {
            query["page"] = new StringValues(page.ToString(CultureInfo.InvariantCulture));
        }

        return requestUrl.GetLeftPart(UriPartial.Path) + QueryString.Create(query).ToUriComponent();
    }
}
