using System.Reflection;
using System.Text.Json.Nodes;
using WorkflowFunctions.Api.Dialects.ScriptRun;
using WorkflowFunctions.Nodes.Http;
using WorkflowFunctions.Nodes.Llm;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Settings;
using WorkflowFunctions.Storage;

namespace WorkflowFunctions.Tests.Configuration;

/// <summary>
/// Every setting the app binds is listed in <c>local.settings.sample.json</c> and <c>docs/deploy.md</c>, and every
/// API setting in <c>docs/api.md</c>: a new option cannot be added without saying it exists.
/// </summary>
public class SettingsDocumentationTests
{
    private static readonly string[] HostSettings = ["FUNCTIONS_WORKER_RUNTIME", "AzureWebJobsStorage", "DURABLE_TASK_HUB_NAME"];

    public static TheoryData<string> AppSettings()
    {
        var data = new TheoryData<string>();
        foreach (var name in HostSettings.Concat(Bound()))
        {
            data.Add(name);
        }

        return data;
    }

    public static TheoryData<string> ApiSettings()
    {
        var data = new TheoryData<string>();
        foreach (var name in Settings(ApiOptions.SectionName, typeof(ApiOptions)))
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AppSettings))]
    public void SampleSettings_ListEverySetting(string setting)
    {
        var values = JsonNode.Parse(File.ReadAllText(Path.Combine(Root(), "local.settings.sample.json")))!["Values"]!.AsObject();

        Assert.True(values.ContainsKey(setting), $"local.settings.sample.json has no '{setting}'.");
    }

    [Theory]
    [MemberData(nameof(AppSettings))]
    public void DeployDoc_ListsEverySetting(string setting)
    {
        var doc = File.ReadAllText(Path.Combine(Root(), "docs", "deploy.md"));

        Assert.Contains($"`{setting}`", doc, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ApiSettings))]
    public void ApiDoc_ListsEveryApiSetting(string setting)
    {
        var doc = File.ReadAllText(Path.Combine(Root(), "docs", "api.md"));

        Assert.Contains($"`{setting}`", doc, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Bound() =>
        Settings(AuthOptions.SectionName, typeof(AuthOptions))
            .Concat(Settings(ApiOptions.SectionName, typeof(ApiOptions)))
            .Concat(Settings(StorageOptions.SectionName, typeof(StorageOptions)))
            .Concat(Settings(OrchestrationOptions.SectionName, typeof(OrchestrationOptions)))
            .Concat(Settings(ConcurrencyOptions.SectionName, typeof(ConcurrencyOptions)))
            .Concat(Settings(LlmOptions.SectionName, typeof(LlmOptions)))
            .Concat(Settings(HttpNodeOptions.SectionName, typeof(HttpNodeOptions)))
            .Concat(Settings(TableOptions.SectionName, typeof(TableOptions)))
            .Concat(Settings(ScriptRunOptions.SectionName, typeof(ScriptRunOptions)))
            .Concat(Settings(ResultOptions.SectionName, typeof(ResultOptions)));

    // The environment-variable form (Section__Property) of every public settable property the section binds.
    private static IEnumerable<string> Settings(string section, Type options) =>
        options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => $"{section}__{p.Name}");

    private static string Root()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "WorkflowFunctions.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (WorkflowFunctions.sln) was not found above the test output.");
    }
}
