using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.ScriptSo;

/// <summary>
/// Runs reference 004's curl commands (<c>Snippets/</c>) with bash as a client would. Only the document's base URL,
/// key placeholder and path placeholders are replaced; with <c>addKeyHeader</c> each <c>curl "</c> also gets the key
/// header (for the pagination example, which the document shows without one).
/// </summary>
internal static class CurlSnippets
{
    private const string DocumentBase = "https://script.so/api/v1";
    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "ScriptSo", "Snippets");
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>Why the snippets cannot run here, or null when they can.</summary>
    public static string? Unavailable =>
        Which("curl") is null || Which("bash") is null ? "curl and bash are needed to run the document's curl commands." : null;

    /// <summary>The snippet's text after the substitutions.</summary>
    public static string Script(string snippet, Uri baseUrl, string key, IReadOnlyDictionary<string, string>? placeholders = null, bool addKeyHeader = false)
    {
        var text = File.ReadAllText(Path.Combine(Directory, snippet))
            .Replace(DocumentBase, baseUrl.ToString().TrimEnd('/'), StringComparison.Ordinal)
            .Replace("YOUR_API_KEY", key, StringComparison.Ordinal);
        foreach (var (name, value) in placeholders ?? new Dictionary<string, string>())
        {
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return addKeyHeader ? text.Replace("curl \"", $"curl -H \"x-api-key: {key}\" \"", StringComparison.Ordinal) : text;
    }

    /// <summary>Every JSON body the snippet's commands printed, in order.</summary>
    public static async Task<IReadOnlyList<JsonNode>> RunAsync(
        string snippet, Uri baseUrl, string key, IReadOnlyDictionary<string, string>? placeholders = null, bool addKeyHeader = false)
    {
        var script = Script(snippet, baseUrl, key, placeholders, addKeyHeader);
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{snippet} did not finish within {Limit}.");
        }

        Assert.True(process.ExitCode == 0, $"{snippet} exited {process.ExitCode}: {await stderr}");
        return Values(await stdout, snippet);
    }

    /// <summary>The one JSON body the snippet printed.</summary>
    public static async Task<JsonNode> RunOneAsync(string snippet, Uri baseUrl, string key, IReadOnlyDictionary<string, string>? placeholders = null) =>
        Assert.Single(await RunAsync(snippet, baseUrl, key, placeholders));

    // curl writes each body as it came, without a newline between them.
    private static List<JsonNode> Values(string output, string snippet)
    {
        var values = new List<JsonNode>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(output), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            values.Add(JsonNode.Parse(ref reader) ?? throw new InvalidOperationException($"{snippet} printed a null: '{output}'"));
        }

        Assert.True(values.Count > 0, $"{snippet} printed no JSON: '{output}'");
        return values;
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, program))
            .FirstOrDefault(File.Exists);
}

/// <summary>A test that runs the document's curl commands; skipped, saying why, where curl or bash is missing.</summary>
internal sealed class CurlSnippetFactAttribute : FactAttribute
{
    public CurlSnippetFactAttribute()
    {
        if (CurlSnippets.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}
