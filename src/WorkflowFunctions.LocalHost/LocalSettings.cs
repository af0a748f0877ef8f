using System.Text.Json;

namespace WorkflowFunctions.LocalHost;

/// <summary>
/// Reads the <c>Values</c> of <c>local.settings.json</c> like Core Tools does, from the app's folder
/// (<c>src/WorkflowFunctions</c>) or the current directory. Environment variables and command-line
/// arguments override them.
/// </summary>
public static class LocalSettings
{
    public static IReadOnlyDictionary<string, string?> Read(string? explicitPath = null)
    {
        var path = explicitPath ?? Candidates().FirstOrDefault(File.Exists);
        if (path is null || !File.Exists(path))
        {
            return new Dictionary<string, string?>();
        }

        using var document = JsonDocument.Parse(
            File.ReadAllText(path),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!document.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object)
        {
            return new Dictionary<string, string?>();
        }

        // "Llm__Endpoint" in local.settings.json means configuration key "Llm:Endpoint", as for environment variables.
        return values.EnumerateObject().ToDictionary(
            p => p.Name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal),
            p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText(),
            StringComparer.OrdinalIgnoreCase);
    }

    private static IEnumerable<string> Candidates()
    {
        var directory = new DirectoryInfo(Directory.GetCurrentDirectory());
        yield return Path.Combine(directory.FullName, "local.settings.json");
        for (var d = directory; d is not null; d = d.Parent)
        {
            yield return Path.Combine(d.FullName, "src", "WorkflowFunctions", "local.settings.json");
        }
    }
}
