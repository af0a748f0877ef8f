namespace WorkflowFunctions.Api.Dialects.Scout;

/// <summary>
/// The document's <c>environment</c> words. The service has one environment: the word is checked, echoed in every event
/// and kept on the run; it changes nothing about what runs (a saved workflow runs its latest revision, or
/// <c>revision_id</c>, whatever the environment).
/// </summary>
public static class ScoutEnvironments
{
    public const string Production = "production";
    public const string Staging = "staging";
    public const string Development = "development";
    public const string Console = "console";

    /// <summary>When the request names none.</summary>
    public const string Default = Production;

    public static IReadOnlyList<string> All { get; } = [Production, Staging, Development, Console];
}
