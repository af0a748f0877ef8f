using WorkflowFunctions.Infra.Tests.Arm;

namespace WorkflowFunctions.Infra.Tests.Template;

[Collection(SharedCompiledTemplate.Name)]
public sealed class RoleAssignmentTests(CompiledTemplateFixture compiled)
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    private IEnumerable<ArmResource> AssignmentsOf(string roleDefinitionGuid) =>
        compiled.Template.OfType("Microsoft.Authorization/roleAssignments")
            .Where(assignment => assignment
                .ResolveVariables((string)assignment.Properties["roleDefinitionId"]!)
                .Contains($"'{roleDefinitionGuid}'", StringComparison.OrdinalIgnoreCase));

    [Theory]
    [InlineData(StorageBlobDataOwner)]
    [InlineData(StorageQueueDataContributor)]
    [InlineData(StorageTableDataContributor)]
    [InlineData(MonitoringMetricsPublisher)]
    [InlineData(KeyVaultSecretsUser)]
    public void DataRole_Compiled_IsGrantedToAppIdentityAndDeployingUser(string roleDefinitionGuid)
    {
        // Arrange
        var assignments = AssignmentsOf(roleDefinitionGuid);

        // Act
        var deployments = assignments.Select(assignment => assignment.DeploymentName).Order(StringComparer.Ordinal);

        // Assert
        Assert.Equal(["app-data-roles", "user-data-roles"], deployments);
    }

    [Theory]
    [InlineData(StorageBlobDataOwner, "Microsoft.Storage/storageAccounts")]
    [InlineData(StorageQueueDataContributor, "Microsoft.Storage/storageAccounts")]
    [InlineData(StorageTableDataContributor, "Microsoft.Storage/storageAccounts")]
    [InlineData(MonitoringMetricsPublisher, "Microsoft.Insights/components")]
    [InlineData(KeyVaultSecretsUser, "Microsoft.KeyVault/vaults")]
    public void DataRole_Compiled_IsScopedToTheResourceItGuards(string roleDefinitionGuid, string resourceType)
    {
        // Arrange
        var assignments = AssignmentsOf(roleDefinitionGuid);

        // Act
        var scopes = assignments.Select(assignment => (string)assignment.Node["scope"]!).Distinct();

        // Assert
        Assert.Equal([$"[resourceId('{resourceType}', parameters('{ScopeParameter(resourceType)}'))]"], scopes);
    }

    [Fact]
    public void AppDataRoles_Compiled_GoToTheAppIdentity()
    {
        // Arrange
        var deployment = compiled.Template.Deployment("app-data-roles");

        // Act
        var principalId = (string)deployment.Properties["parameters"]!["principalId"]!["value"]!;

        // Assert
        Assert.EndsWith(".outputs.principalId.value]", principalId, StringComparison.Ordinal);
    }

    [Fact]
    public void UserDataRoles_Compiled_AreSkippedWithoutPrincipalId()
    {
        // Arrange
        var deployment = compiled.Template.Deployment("user-data-roles");

        // Act
        var condition = deployment.Condition;

        // Assert
        Assert.Equal("[not(empty(parameters('principalId')))]", condition);
    }

    private static string ScopeParameter(string resourceType) => resourceType switch
    {
        "Microsoft.Storage/storageAccounts" => "storageAccountName",
        "Microsoft.Insights/components" => "applicationInsightsName",
        _ => "keyVaultName",
    };
}
