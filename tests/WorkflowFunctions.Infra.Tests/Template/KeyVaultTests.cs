using System.Text.Json.Nodes;

namespace WorkflowFunctions.Infra.Tests.Template;

[Collection(SharedCompiledTemplate.Name)]
public sealed class KeyVaultTests(CompiledTemplateFixture compiled)
{
    [Fact]
    public void KeyVault_Compiled_AuthorizesWithRbac()
    {
        // Arrange
        var vault = compiled.Template.OnlyOfType("Microsoft.KeyVault/vaults");

        // Act
        var rbac = vault.Properties["enableRbacAuthorization"]!.GetValue<bool>();

        // Assert
        Assert.True(rbac);
    }

    [Fact]
    public void KeyVault_Compiled_KeepsDeletedSecretsRecoverable()
    {
        // Arrange
        var vault = compiled.Template.OnlyOfType("Microsoft.KeyVault/vaults");

        // Act
        var softDelete = vault.Properties["enableSoftDelete"]!.GetValue<bool>();

        // Assert
        Assert.True(softDelete);
    }

    [Theory]
    [InlineData("llm-api-key", "llmApiKey")]
    [InlineData("bootstrap-api-key", "bootstrapApiKey")]
    [InlineData("results-signing-secret", "resultsSigningSecret")]
    public void Secret_Compiled_HoldsItsSecureParameter(string secretName, string parameterName)
    {
        // Arrange
        var secrets = compiled.Template.OfType("Microsoft.KeyVault/vaults/secrets");

        // Act
        var secret = secrets.Single(resource => ((string)resource.Node["name"]!).Contains(secretName, StringComparison.Ordinal));

        // Assert
        Assert.Equal(
            ($"[parameters('{parameterName}')]", "securestring"),
            ((string)secret.Properties["value"]!, (string)secret.DeclaringTemplate["parameters"]![parameterName]!["type"]!));
    }

    [Theory]
    [InlineData("llmApiKey")]
    [InlineData("bootstrapApiKey")]
    [InlineData("resultsSigningSecret")]
    public void SecureParameter_Compiled_IsDeclaredSecure(string parameterName)
    {
        // Arrange
        var parameters = compiled.Template.Parameters;

        // Act
        var type = (string)parameters[parameterName]!["type"]!;

        // Assert
        Assert.Equal("securestring", type);
    }

    [Theory]
    [InlineData("llmApiKey")]
    [InlineData("bootstrapApiKey")]
    [InlineData("resultsSigningSecret")]
    public void SecureParameter_Compiled_ReachesOnlyTheKeyVaultModule(string parameterName)
    {
        // Arrange
        var reference = $"parameters('{parameterName}')";

        // Act
        var receivers = compiled.Template.OfType("Microsoft.Resources/deployments")
            .Where(deployment => deployment.Properties["parameters"]!.AsObject()
                .Any(parameter => parameter.Value?["value"] is JsonValue value
                    && value.TryGetValue<string>(out var text)
                    && text.Contains(reference, StringComparison.Ordinal)))
            .Select(deployment => (string)deployment.Node["name"]!);

        // Assert
        Assert.Equal(["key-vault"], receivers);
    }
}
