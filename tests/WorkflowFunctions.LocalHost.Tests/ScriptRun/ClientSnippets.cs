using System.Diagnostics;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.ScriptRun;

/// <summary>
/// Runs reference 003's client snippets (<c>Snippets/</c>) as a client would: Python files with <c>python3</c> and
/// Debian's <c>requests</c>, curl commands with bash. Only the document's base URL and key placeholders are replaced.
/// A Python run reports what the snippet printed, each line also read back as a Python literal (what
/// <c>print(response.json())</c> shows), and the exception that ended it, if any.
/// </summary>
internal static class ClientSnippets
{
    private static readonly Lazy<string?> Interpreter = new(FindPython);
    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "ScriptRun", "Snippets");
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    // Runs the snippets (one namespace, in order) with stdout captured, then the epilogue in their namespace.
    private const string Driver = """
        import ast, contextlib, io, json, runpy, sys
        import requests

        def literal(line):
            candidates = [line] + ([line.split(": ", 1)[1]] if ": " in line else [])
            for text in candidates:
                try:
                    return json.loads(json.dumps(ast.literal_eval(text)))
                except Exception:
                    pass
            return None

        out = io.StringIO()
        namespace = {"requests": requests}
        error = None
        with contextlib.redirect_stdout(out):
            try:
                for path in sys.argv[2:]:
                    namespace = runpy.run_path(path, init_globals=namespace, run_name="__main__")
                exec(open(sys.argv[1]).read(), namespace)
            except BaseException as e:
                error = f"{type(e).__name__}: {e}"
        lines = out.getvalue().splitlines()
        print(json.dumps({"printed": lines, "values": [literal(l) for l in lines], "error": error}))
        """;

    /// <summary>Why the snippets cannot run here, or null when they can.</summary>
    public static string? Unavailable =>
        Interpreter.Value is null
            ? "No python3 with 'requests' (Debian: apt-get install -y python3-requests; scripts/test.sh installs it)."
            : Which("curl") is null || Which("bash") is null ? "curl and bash are needed to run the document's curl commands." : null;

    /// <summary>
    /// Runs the Python <paramref name="snippets"/> against <paramref name="baseUrl"/> (standing for https://scriptrun.ai)
    /// with <paramref name="key"/> for the placeholders, then <paramref name="epilogue"/> (Python) in their namespace.
    /// </summary>
    public static async Task<PythonOutput> PythonAsync(Uri baseUrl, string key, string[] snippets, string epilogue = "")
    {
        var work = System.IO.Directory.CreateTempSubdirectory("scriptrun-snippets-").FullName;
        try
        {
            var files = new List<string>();
            foreach (var snippet in snippets)
            {
                var path = Path.Combine(work, snippet);
                await File.WriteAllTextAsync(path, Substitute(await File.ReadAllTextAsync(Path.Combine(Directory, snippet)), baseUrl, key));
                files.Add(path);
            }

            var driver = Path.Combine(work, "driver.py");
            var after = Path.Combine(work, "epilogue.py");
            await File.WriteAllTextAsync(driver, Driver);
            await File.WriteAllTextAsync(after, epilogue);
            var (exit, stdout, stderr) = await RunAsync(Interpreter.Value!, [driver, after, .. files]);
            Assert.True(exit == 0, $"python3 {string.Join(' ', snippets)} exited {exit}: {stderr}");
            var report = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!;
            return new PythonOutput(
                [.. report["printed"]!.AsArray().Select(l => l!.GetValue<string>())],
                [.. report["values"]!.AsArray()],
                report["error"]?.GetValue<string>());
        }
        finally
        {
            System.IO.Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Runs a curl snippet with bash; returns what it wrote to stdout (the response body).</summary>
    public static async Task<string> CurlAsync(Uri baseUrl, string key, string snippet)
    {
        var script = Substitute(await File.ReadAllTextAsync(Path.Combine(Directory, snippet)), baseUrl, key);
        var (exit, stdout, stderr) = await RunAsync("bash", ["-c", script]);
        Assert.True(exit == 0, $"{snippet} exited {exit}: {stderr}");
        return stdout;
    }

    /// <summary>A curl snippet's output read as JSON.</summary>
    public static async Task<JsonNode> CurlJsonAsync(Uri baseUrl, string key, string snippet)
    {
        var body = await CurlAsync(baseUrl, key, snippet);
        return JsonNode.Parse(body) ?? throw new InvalidOperationException($"{snippet} printed no JSON: '{body}'");
    }

    private static string Substitute(string text, Uri baseUrl, string key) =>
        text.Replace("https://scriptrun.ai", baseUrl.ToString().TrimEnd('/'), StringComparison.Ordinal)
            .Replace("<Your API Key>", key, StringComparison.Ordinal)
            .Replace("<JWT Token>", key, StringComparison.Ordinal);

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string file, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

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

    // The python3 on PATH, or Debian's, whichever can import requests.
    private static string? FindPython()
    {
        foreach (var candidate in new[] { "python3", "/usr/bin/python3" })
        {
            try
            {
                using var probe = Process.Start(
                    new ProcessStartInfo(candidate, ["-c", "import requests"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
                probe.WaitForExit(30_000);
                if (probe.HasExited && probe.ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed under that name.
            }
        }

        return null;
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, program))
            .FirstOrDefault(File.Exists);
}

/// <summary>What a Python snippet printed, each line as a value where it is a Python literal, and the exception that ended it.</summary>
internal sealed record PythonOutput(IReadOnlyList<string> Printed, IReadOnlyList<JsonNode?> Values, string? Error)
{
    /// <summary>The one value printed; fails the test if the snippet failed or printed something else.</summary>
    public JsonNode Value
    {
        get
        {
            Assert.True(Error is null, $"The snippet raised {Error}; it printed: {string.Join('\n', Printed)}");
            Assert.Single(Values);
            return Values[0] ?? throw new InvalidOperationException($"Not a Python literal: {Printed[0]}");
        }
    }
}

/// <summary>A test that runs the document's client snippets; skipped, saying why, where python3 with requests or curl is missing.</summary>
internal sealed class ClientSnippetFactAttribute : FactAttribute
{
    public ClientSnippetFactAttribute()
    {
        if (ClientSnippets.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}
