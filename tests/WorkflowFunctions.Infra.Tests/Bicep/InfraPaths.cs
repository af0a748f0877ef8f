using System.Reflection;

namespace WorkflowFunctions.Infra.Tests.Bicep;

/// <summary>
/// Where the pinned Bicep CLI and the repository's infrastructure files are. The build stamps both paths into
/// the assembly, so the tests never depend on a Bicep installed on the machine.
/// </summary>
public static class InfraPaths
{
    public static string BicepExecutable { get; } = Metadata("BicepExecutable");

    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static string MainBicep { get; } = Path.Combine(RepositoryRoot, "infra", "main.bicep");

    public static string MainParameters { get; } = Path.Combine(RepositoryRoot, "infra", "main.parameters.json");

    public static string AzureYaml { get; } = Path.Combine(RepositoryRoot, "azure.yaml");

    private static string Metadata(string key) =>
        typeof(InfraPaths).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == key)
            .Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' has no value.");
}
