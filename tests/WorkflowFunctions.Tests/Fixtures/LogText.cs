using Microsoft.Extensions.Logging.Testing;

namespace WorkflowFunctions.Tests.Fixtures;

/// <summary>
/// Everything a <see cref="FakeLogCollector"/> recorded as text, one line per record: level, message, every
/// structured value, every scope and the exception, so a test can check what reached the logs at any level.
/// </summary>
internal static class LogText
{
    public static IReadOnlyList<string> Lines(FakeLogCollector collector)
    {
        ArgumentNullException.ThrowIfNull(collector);
        return collector.GetSnapshot().Select(r =>
        {
            var state = r.StructuredState is { } values ? string.Join(", ", values.Select(v => $"{v.Key}={v.Value}")) : string.Empty;
            var scopes = string.Join("; ", r.Scopes.Select(Describe));
            return $"{r.Category} {r.Level}: {r.Message} | {state} | scopes: {scopes} | {r.Exception}";
        }).ToList();
    }

    private static string Describe(object? scope) =>
        scope is IEnumerable<KeyValuePair<string, object?>> values
            ? string.Join(", ", values.Select(v => $"{v.Key}={v.Value}"))
            : scope?.ToString() ?? string.Empty;
}
