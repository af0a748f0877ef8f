using System.Diagnostics;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.Scale;

/// <summary>
/// Runs reference 000's client code (<c>Snippets/</c>) as a client would. The TypeScript functions are joined into one
/// module, as the document joins them ("reuses the same BASE_URL and HEADERS"), their types stripped by the pinned
/// TypeScript's <c>transpileModule</c> (Node 20 cannot strip them itself), and run with <c>node</c>, whose built-in
/// <c>fetch</c> they use; the curl pipeline runs with bash, curl and jq. Only the document's base URL changes, and,
/// where a test says so, its example workflow id <c>wf-abc123</c>; the key and account come from the environment
/// variables the code reads (<c>SCALE_API_KEY</c>, <c>SCALE_ACCOUNT_ID</c>).
/// </summary>
internal static class ScaleSnippets
{
    public const string DocumentBaseUrl = "https://<your-sgp-host>/corp-api/compass/api";
    public const string ExampleWorkflowId = "wf-abc123";

    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Scale", "Snippets");
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    private static readonly Lazy<string?> TypeScript = new(FindTypeScript);

    // Reports what a test's epilogue asks for, one "=> <json>" line each: the value, or the message of what was thrown.
    private const string Report = """

        async function report(action: () => Promise<unknown>) {
          try {
            console.log('=> ' + JSON.stringify({ value: await action() }));
          } catch (e) {
            console.log('=> ' + JSON.stringify({ thrown: (e as Error).message }));
          }
        }

        """;

    // Strips the types: syntax errors fail the run, so what runs is the document's code as written.
    private const string Transpiler = """
        const ts = require(process.argv[2]);
        const fs = require('fs');
        const out = ts.transpileModule(fs.readFileSync(process.argv[3], 'utf8'), {
          fileName: 'snippets.ts',
          reportDiagnostics: true,
          compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
        });
        if (out.diagnostics.length > 0) {
          console.error(ts.formatDiagnostics(out.diagnostics, { getCanonicalFileName: f => f, getCurrentDirectory: () => '', getNewLine: () => '\n' }));
          process.exit(2);
        }
        fs.writeFileSync(process.argv[4], out.outputText);
        """;

    /// <summary>Why the TypeScript cannot run here, or null when it can.</summary>
    public static string? TypeScriptUnavailable =>
        Which("node") is null ? "Node.js is not on PATH."
            : TypeScript.Value is null ? "The pinned TypeScript is not installed (npm ci; scripts/test.sh runs it)."
            : null;

    /// <summary>Why the curl pipeline cannot run here, or null when it can.</summary>
    public static string? CurlUnavailable =>
        new[] { "bash", "curl", "jq" }.FirstOrDefault(p => Which(p) is null) is { } missing
            ? $"'{missing}' is not on PATH (Debian: apt-get install -y curl jq; scripts/test.sh installs them)."
            : null;

    /// <summary>
    /// Runs the TypeScript <paramref name="snippets"/> as one module, then <paramref name="epilogue"/> (TypeScript, with
    /// <c>report(() => ...)</c> to print a value or what was thrown), for <paramref name="account"/>.
    /// </summary>
    public static async Task<NodeOutput> TypeScriptAsync(
        Uri baseUrl, ScaleAccount account, string[] snippets, string epilogue = "", string? exampleWorkflow = null, string? claimedAccount = null)
    {
        var work = System.IO.Directory.CreateTempSubdirectory("scale-snippets-").FullName;
        try
        {
            var source = string.Concat(await Task.WhenAll(snippets.Select(s => File.ReadAllTextAsync(Path.Combine(Directory, s)))));
            var module = Path.Combine(work, "snippets.ts");
            await File.WriteAllTextAsync(module, Substitute(source, baseUrl, exampleWorkflow) + Report + epilogue);
            var transpiler = Path.Combine(work, "transpile.cjs");
            await File.WriteAllTextAsync(transpiler, Transpiler);
            var script = Path.Combine(work, "snippets.mjs");
            var (stripped, _, errors) = await RunAsync("node", [transpiler, TypeScript.Value!, module, script], account, claimedAccount);
            Assert.True(stripped == 0, $"The TypeScript did not transpile: {errors}");

            var (exit, stdout, stderr) = await RunAsync("node", [script], account, claimedAccount);
            var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return new NodeOutput(
                exit,
                [.. lines.Where(l => !l.StartsWith("=> ", StringComparison.Ordinal))],
                [.. lines.Where(l => l.StartsWith("=> ", StringComparison.Ordinal)).Select(l => JsonNode.Parse(l[3..])!)],
                stderr);
        }
        finally
        {
            System.IO.Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Runs the curl pipeline with bash; returns what it wrote to stdout (the result's body).</summary>
    public static async Task<string> CurlAsync(Uri baseUrl, ScaleAccount account, string snippet, string? exampleWorkflow = null)
    {
        var script = Substitute(await File.ReadAllTextAsync(Path.Combine(Directory, snippet)), baseUrl, exampleWorkflow);
        var (exit, stdout, stderr) = await RunAsync("bash", ["-c", script], account, null);
        Assert.True(exit == 0, $"{snippet} exited {exit}: {stderr}");
        return stdout;
    }

    private static string Substitute(string text, Uri baseUrl, string? exampleWorkflow)
    {
        var replaced = text.Replace(DocumentBaseUrl, baseUrl.ToString().TrimEnd('/'), StringComparison.Ordinal);
        return exampleWorkflow is null ? replaced : replaced.Replace(ExampleWorkflowId, exampleWorkflow, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(
        string file, IEnumerable<string> arguments, ScaleAccount account, string? claimedAccount)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["SCALE_API_KEY"] = account.Key;
        info.Environment["SCALE_ACCOUNT_ID"] = claimedAccount ?? account.Id;
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
            throw new TimeoutException($"{file} {string.Join(' ', info.ArgumentList)} did not finish within {Limit}.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    // The pinned TypeScript package (package.json) in the repository's node_modules.
    private static string? FindTypeScript()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "WorkflowFunctions.sln")))
            {
                var package = Path.Combine(d.FullName, "node_modules", "typescript");
                return File.Exists(Path.Combine(package, "package.json")) ? package : null;
            }
        }

        return null;
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, program))
            .FirstOrDefault(File.Exists);
}

/// <summary>
/// What a TypeScript run printed: its exit code, the lines the document's code printed, the epilogue's reports
/// (<c>{"value": ...}</c> or <c>{"thrown": "..."}</c>) and its standard error (where <c>main().catch(console.error)</c> writes).
/// </summary>
internal sealed record NodeOutput(int Exit, IReadOnlyList<string> Printed, IReadOnlyList<JsonNode> Reports, string Stderr)
{
    /// <summary>The value of the one report; fails the test if something was thrown instead.</summary>
    public JsonNode Value
    {
        get
        {
            var report = Assert.Single(Reports);
            Assert.True(report["thrown"] is null, $"The code threw: {report["thrown"]}; stderr: {Stderr}");
            return report["value"]!;
        }
    }

    /// <summary>The message of what the one report's call threw; fails the test if it returned instead.</summary>
    public string Thrown
    {
        get
        {
            var report = Assert.Single(Reports);
            Assert.True(report["thrown"] is not null, $"The code returned {report["value"]?.ToJsonString()}; stderr: {Stderr}");
            return report["thrown"]!.GetValue<string>();
        }
    }
}

/// <summary>A test that runs the document's TypeScript; skipped, saying why, where Node.js or the pinned TypeScript is missing.</summary>
internal sealed class TypeScriptSnippetFactAttribute : FactAttribute
{
    public TypeScriptSnippetFactAttribute()
    {
        if (ScaleSnippets.TypeScriptUnavailable is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A test that runs the document's curl pipeline; skipped, saying why, where bash, curl or jq is missing.</summary>
internal sealed class CurlSnippetFactAttribute : FactAttribute
{
    public CurlSnippetFactAttribute()
    {
        if (ScaleSnippets.CurlUnavailable is { } reason)
        {
            Skip = reason;
        }
    }
}
