using System.Diagnostics;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Scout;

/// <summary>
/// Reference 002's own client code against the LocalHost on Azurite: its curl command (<c>Snippets/execute.sh</c>), with
/// only the base URL and the key placeholder replaced.
/// </summary>
[Collection(ScoutGroup.Name)]
public class ScoutSnippetTests(ScoutFixture fixture)
{
    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Scout", "Snippets");

    [ScoutCurlFact]
    public async Task Curl_EmptyConfig_PrintsTheCompletedRunInTheDocumentsEnvelope()
    {
        // Arrange
        var account = await fixture.NewAccountAsync();

        // Act
        var (exit, stdout, stderr) = await RunCurlAsync(fixture.BaseUrl, "execute.sh", account.Key);

        // Assert: the documented members, the empty workflow run to its end with nothing in its state.
        Assert.True(exit == 0, stderr);
        var body = JsonNode.Parse(stdout)!;
        Assert.Equal(
            ["organization_id", "id", "correlation_id", "name", "environment", "timestamp", "data", "price", "event_type", "version"],
            body.AsObject().Select(p => p.Key));
        Assert.Equal(
            ["actor", "workflow_id", "workflow_run_id", "inputs", "session_id", "state", "workflow_config", "price"],
            body["data"]!.AsObject().Select(p => p.Key));
        Assert.Equal(
            ("workflow_run_completed", "production", "workflow_event", "1.0"),
            ((string?)body["name"], (string?)body["environment"], (string?)body["event_type"], (string?)body["version"]));
        Assert.Equal(account.Id, (string?)body["organization_id"]);
        Assert.Equal(
            """{"id":"__KEY__","type":"external"}""".Replace("__KEY__", account.KeyId, StringComparison.Ordinal),
            body["data"]!["actor"]!.ToJsonString());
        Assert.Equal(
            ("{}", "{}", "{}"),
            (body["data"]!["state"]!.ToJsonString(), body["data"]!["workflow_config"]!.ToJsonString(), body["data"]!["inputs"]!.ToJsonString()));
        Assert.Equal(("0.00", 0m), ((string?)body["price"], (decimal)body["data"]!["price"]!));
        Assert.Matches("^sess_[0-9a-f]{24}$", (string?)body["data"]!["session_id"]);
        Assert.EndsWith("Z", (string?)body["timestamp"], StringComparison.Ordinal);
        var run = (string)body["data"]!["workflow_run_id"]!;
        Assert.Equal("corr_" + run.Replace("-", string.Empty, StringComparison.Ordinal), (string?)body["correlation_id"]);
        Assert.Equal("succeeded", (string?)(await account.Native.PollRunAsync(run))["status"]);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunCurlAsync(Uri baseUrl, string snippet, string key)
    {
        var script = (await File.ReadAllTextAsync(Path.Combine(Directory, snippet)))
            .Replace("https://api.scoutos.com", baseUrl.ToString().TrimEnd('/'), StringComparison.Ordinal)
            .Replace("<token>", key, StringComparison.Ordinal);

        var info = new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>A test that runs the document's curl command; skipped, saying why, where bash or curl is missing.</summary>
internal sealed class ScoutCurlFactAttribute : FactAttribute
{
    public ScoutCurlFactAttribute()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator);
        if (new[] { "bash", "curl" }.FirstOrDefault(p => !path.Any(d => File.Exists(Path.Combine(d, p)))) is { } missing)
        {
            Skip = $"'{missing}' is not on PATH (Debian: apt-get install -y curl; scripts/test.sh installs it).";
        }
    }
}
