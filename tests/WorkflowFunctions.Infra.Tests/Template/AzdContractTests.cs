using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WorkflowFunctions.Infra.Tests.Bicep;

namespace WorkflowFunctions.Infra.Tests.Template;

/// <summary>The names azd relies on: parameter mappings, outputs it reads, and the service tag it deploys to.</summary>
[Collection(SharedCompiledTemplate.Name)]
public sealed partial class AzdContractTests(CompiledTemplateFixture compiled)
{
    [Theory]
    [InlineData("AZURE_LOCATION")]
    [InlineData("AZURE_TENANT_ID")]
    [InlineData("AZURE_RESOURCE_GROUP")]
    [InlineData("AZURE_FUNCTION_APP_NAME")]
    [InlineData("SERVICE_API_NAME")]
    [InlineData("SERVICE_API_URI")]
    [InlineData("AZURE_STORAGE_ACCOUNT_NAME")]
    [InlineData("AZURE_KEY_VAULT_NAME")]
    public void Output_Compiled_IsDeclared(string name)
    {
        // Arrange
        var outputs = compiled.Template.Outputs;

        // Act
        var declared = outputs.ContainsKey(name);

        // Assert
        Assert.True(declared);
    }

    [Fact]
    public void Template_Compiled_TargetsSubscription()
    {
        // Arrange
        var schema = (string)compiled.Template.Root["$schema"]!;

        // Act
        var subscriptionScoped = schema.Contains("subscriptionDeploymentTemplate", StringComparison.Ordinal);

        // Assert
        Assert.True(subscriptionScoped);
    }

    [Fact]
    public void ParametersFile_EveryTemplateParameter_IsMappedFromAnEnvironmentValue()
    {
        // Arrange
        var mapped = JsonNode.Parse(File.ReadAllText(InfraPaths.MainParameters))!["parameters"]!.AsObject();

        // Act
        var unmapped = compiled.Template.Parameters
            .Select(pair => pair.Key)
            .Where(name => mapped[name]?["value"] is not JsonValue value
                || !EnvironmentReference().IsMatch(value.GetValue<string>()));

        // Assert
        Assert.Empty(unmapped);
    }

    [Fact]
    public void FunctionApp_ServiceTag_MatchesAzureYamlService()
    {
        // Arrange
        var services = AzureYamlService().Matches(File.ReadAllText(InfraPaths.AzureYaml))
            .Select(match => match.Groups["name"].Value);
        var tags = (string)compiled.Template.OnlyOfType("Microsoft.Web/sites").Node["tags"]!;

        // Act
        var tagged = services.Where(service => tags.Contains($"'azd-service-name', '{service}'", StringComparison.Ordinal));

        // Assert
        Assert.Equal(["api"], tagged);
    }

    [GeneratedRegex(@"^\$\{[A-Z][A-Z0-9_]*\}$")]
    private static partial Regex EnvironmentReference();

    // Service names are the two-space-indented keys under `services:`; azure.yaml has no other such block.
    [GeneratedRegex(@"^  (?<name>[a-z][a-z0-9-]*):\s*$", RegexOptions.Multiline)]
    private static partial Regex AzureYamlService();
}
