using System.Text.Json.Nodes;
using WorkflowFunctions.Infra.Tests.Arm;

namespace WorkflowFunctions.Infra.Tests.Template;

[Collection(SharedCompiledTemplate.Name)]
public sealed class FunctionAppTests(CompiledTemplateFixture compiled)
{
    private ArmResource Site => compiled.Template.OnlyOfType("Microsoft.Web/sites");

    private JsonObject FunctionAppConfig => Site.Properties["functionAppConfig"]!.AsObject();

    [Fact]
    public void Plan_Compiled_IsFlexConsumptionOnLinux()
    {
        // Arrange
        var plan = compiled.Template.OnlyOfType("Microsoft.Web/serverfarms");

        // Act
        var shape = ((string)plan.Node["sku"]!["name"]!, (string)plan.Node["sku"]!["tier"]!, (bool)plan.Properties["reserved"]!);

        // Assert
        Assert.Equal(("FC1", "FlexConsumption", true), shape);
    }

    [Fact]
    public void FunctionApp_Compiled_IsLinuxFunctionApp()
    {
        // Arrange
        var site = Site;

        // Act
        var kind = (string)site.Node["kind"]!;

        // Assert
        Assert.Equal("functionapp,linux", kind);
    }

    [Fact]
    public void FunctionApp_Compiled_IsHttpsOnly()
    {
        // Arrange
        var site = Site;

        // Act
        var httpsOnly = site.Properties["httpsOnly"]!.GetValue<bool>();

        // Assert
        Assert.True(httpsOnly);
    }

    [Fact]
    public void FunctionApp_Compiled_RequiresTls12()
    {
        // Arrange
        var site = Site;

        // Act
        var minTlsVersion = (string)site.Properties["siteConfig"]!["minTlsVersion"]!;

        // Assert
        Assert.Equal("1.2", minTlsVersion);
    }

    [Fact]
    public void FunctionApp_Compiled_RunsDotnetIsolated10()
    {
        // Arrange
        var runtime = FunctionAppConfig["runtime"]!;

        // Act
        var nameAndVersion = ((string)runtime["name"]!, (string)runtime["version"]!);

        // Assert
        Assert.Equal(("dotnet-isolated", "10.0"), nameAndVersion);
    }

    [Fact]
    public void FunctionApp_Compiled_ReadsDeploymentPackageAsUserAssignedIdentity()
    {
        // Arrange
        var storage = FunctionAppConfig["deployment"]!["storage"]!;

        // Act
        var access = (
            (string)storage["type"]!,
            (string)storage["authentication"]!["type"]!,
            (string)storage["authentication"]!["userAssignedIdentityResourceId"]!);

        // Assert
        Assert.Equal(("blobContainer", "UserAssignedIdentity", "[parameters('identityId')]"), access);
    }

    [Fact]
    public void FunctionApp_Compiled_BoundsScaleOut()
    {
        // Arrange
        var scale = FunctionAppConfig["scaleAndConcurrency"]!.AsObject();

        // Act
        var settings = scale.Select(pair => pair.Key).Order(StringComparer.Ordinal);

        // Assert
        Assert.Equal(["instanceMemoryMB", "maximumInstanceCount"], settings);
    }

    [Fact]
    public void FunctionApp_Compiled_ResolvesKeyVaultReferencesAsUserAssignedIdentity()
    {
        // Arrange
        var site = Site;

        // Act
        var identity = ((string)site.Node["identity"]!["type"]!, (string)site.Properties["keyVaultReferenceIdentity"]!);

        // Assert
        Assert.Equal(("UserAssigned", "[parameters('identityId')]"), identity);
    }

    [Theory]
    [InlineData("scm")]
    [InlineData("ftp")]
    public void PublishingCredentials_Compiled_AreDisabled(string endpoint)
    {
        // Arrange
        var policies = compiled.Template.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        // Act
        var policy = policies.Single(resource => ((string)resource.Node["name"]!).Contains($"'{endpoint}'", StringComparison.Ordinal));

        // Assert
        Assert.False(policy.Properties["allow"]!.GetValue<bool>());
    }
}
