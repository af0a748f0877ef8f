namespace WorkflowFunctions.Api.Native;

/// <summary>Every link and <c>Location</c> of the native API, built from its base path in one place.</summary>
public static class NativeLinks
{
    public static string Run(string id) => NativeDialect.Instance.Path("runs/" + id);

    public static string RunResult(string id) => Run(id) + "/result";

    public static string RunCancel(string id) => Run(id) + "/cancel";

    public static string RunEvents(string id) => Run(id) + "/events";

    public static string NodeResult(string id, string nodeId) => Run(id) + "/nodes/" + Uri.EscapeDataString(nodeId) + "/result";

    public static string BatchEvents(string id) => Batch(id) + "/events";

    public static string Batch(string id) => NativeDialect.Instance.Path("batches/" + id);

    public static string BatchRuns(string id) => Batch(id) + "/runs";

    public static string BatchCancel(string id) => Batch(id) + "/cancel";

    public static string Workflow(string id) => NativeDialect.Instance.Path("workflows/" + id);

    public static string WorkflowRuns(string id) => Workflow(id) + "/runs";

    public static string Key(string id) => NativeDialect.Instance.Path("keys/" + id);
}
