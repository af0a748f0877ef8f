using System.Text.Json.Nodes;

namespace WorkflowFunctions.Infra.Tests.Template;

[Collection(SharedCompiledTemplate.Name)]
public sealed class AppSettingsTests(CompiledTemplateFixture compiled)
{
    private JsonObject Settings =>
        compiled.Template.OfType("Microsoft.Web/sites/config")
            .Single(resource => ((string)resource.Node["name"]!).Contains("'appsettings'", StringComparison.Ordinal))
            .Properties;

    [Theory]
    [InlineData("AzureWebJobsStorage__accountName", "[parameters('storageAccountName')]")]
    [InlineData("AzureWebJobsStorage__credential", "managedidentity")]
    [InlineData("AzureWebJobsStorage__clientId", "[parameters('identityClientId')]")]
    public void HostStorage_Compiled_UsesManagedIdentity(string name, string expected)
    {
        // Arrange
        var settings = Settings;

        // Act
        var value = (string?)settings[name];

        // Assert
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("AzureWebJobsStorage__blobServiceUri", ".primaryEndpoints.blob]")]
    [InlineData("AzureWebJobsStorage__queueServiceUri", ".primaryEndpoints.queue]")]
    [InlineData("AzureWebJobsStorage__tableServiceUri", ".primaryEndpoints.table]")]
    public void HostStorage_Compiled_NamesEachServiceEndpoint(string name, string expectedEnding)
    {
        // Arrange
        var settings = Settings;

        // Act
        var value = (string?)settings[name];

        // Assert
        Assert.EndsWith(expectedEnding, value, StringComparison.Ordinal);
    }

    [Fact]
    public void HostStorage_Compiled_HasNoConnectionString()
    {
        // Arrange
        var settings = Settings;

        // Act
        var hasConnectionString = settings.ContainsKey("AzureWebJobsStorage");

        // Assert
        Assert.False(hasConnectionString);
    }

    [Theory]
    [InlineData("AccountKey")]
    [InlineData("listKeys(")]
    [InlineData("DefaultEndpointsProtocol")]
    [InlineData("InstrumentationKey")]
    public void Template_Compiled_NeverHandlesAccountKeys(string keyMarker)
    {
        // Arrange
        var text = compiled.Template.Text;

        // Act
        var mentionsKey = text.Contains(keyMarker, StringComparison.OrdinalIgnoreCase);

        // Assert
        Assert.False(mentionsKey);
    }

    [Theory]
    [InlineData("Llm__ApiKey", "llmApiKeySecretUri")]
    [InlineData("Auth__BootstrapKey", "bootstrapApiKeySecretUri")]
    [InlineData("Results__SigningSecret", "resultsSigningSecretUri")]
    public void Secret_Compiled_IsKeyVaultReference(string name, string secretUriParameter)
    {
        // Arrange
        var settings = Settings;

        // Act
        var value = (string?)settings[name];

        // Assert
        Assert.Equal($"[format('@Microsoft.KeyVault(SecretUri={{0}})', parameters('{secretUriParameter}'))]", value);
    }

    [Fact]
    public void Telemetry_Compiled_AuthenticatesWithEntraId()
    {
        // Arrange
        var settings = Settings;

        // Act
        var authentication = (string?)settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"];

        // Assert
        Assert.Equal("[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]", authentication);
    }

    [Theory]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING")]
    [InlineData("DURABLE_TASK_HUB_NAME")]
    [InlineData("AZURE_CLIENT_ID")]
    [InlineData("Llm__Endpoint")]
    [InlineData("Llm__Model")]
    [InlineData("Llm__Provider")]
    [InlineData("Auth__BootstrapAccount")]
    public void Setting_Compiled_IsPresent(string name)
    {
        // Arrange
        var settings = Settings;

        // Act
        var value = (string?)settings[name];

        // Assert
        Assert.False(string.IsNullOrEmpty(value));
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    public void FlexConsumption_Compiled_LeavesPlatformSettingsToFunctionAppConfig(string name)
    {
        // Arrange
        var settings = Settings;

        // Act
        var present = settings.ContainsKey(name);

        // Assert
        Assert.False(present);
    }
}
