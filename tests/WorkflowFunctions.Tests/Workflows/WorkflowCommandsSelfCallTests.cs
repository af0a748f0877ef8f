using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Access;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Settings;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.Slots;
using WorkflowFunctions.Storage.Workflows;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Tests.Workflows;

/// <summary>A graph whose workflow node runs the very workflow it is saved over is refused, however it names it.</summary>
public sealed class WorkflowCommandsSelfCallTests
{
    private readonly Caller _caller = new("acct", "key", ["admin"]);
    private readonly StorageTables _storage = StorageTables.InMemory();

    [Theory]
    [InlineData("id")]
    [InlineData("alias")]
    [InlineData("uuid")]
    public async Task UpdateAsync_WorkflowNodeCallingTheWorkflowItself_IsRefusedAndChangesNothing(string naming)
    {
        // Arrange
        var commands = Commands();
        var created = (await commands.CreateAsync(_caller, "recursive", null, null, "{}", CancellationToken.None)).Value.Workflow;
        var self = naming switch
        {
            "id" => created.Id,
            "alias" => created.Alias.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => created.Uuid!,
        };

        // Act
        var updated = await commands.UpdateAsync(_caller, created.Id, new WorkflowChanges { Definition = Calling(self) }, CancellationToken.None);

        // Assert
        Assert.Equal(FailureKind.InvalidDefinition, updated.Failure?.Kind);
        Assert.Contains(updated.Failure!.Findings, f => f.Code == "workflow_node.calls_itself");
        Assert.Equal(1, (await new WorkflowRepository(_storage, TimeProvider.System).FindAsync("acct", created.Id, CancellationToken.None))!.LatestVersion);
    }

    private WorkflowCommands Commands()
    {
        var repository = new WorkflowRepository(_storage, TimeProvider.System);
        var slots = new RunSlots(_storage, TimeProvider.System);
        return new WorkflowCommands(
            repository,
            new WorkflowReader(repository, new DefinitionCache(8)),
            slots,
            Options.Create(new ConcurrencyOptions()),
            TimeProvider.System);
    }

    private static string Calling(string workflowId)
    {
        var graph = JsonNode.Parse("""
            {"start_node": "t", "edges": [], "nodes": [
              {"id": "t", "type": "trigger-node", "data": {"next_nodes": ["w"]}},
              {"id": "w", "type": "workflow-node", "data": {"next_nodes": ["o"]}},
              {"id": "o", "type": "output-node", "data": {}}
            ]}
            """)!;
        graph["nodes"]![1]!["data"]!["workflow_id"] = workflowId;
        return graph.ToJsonString();
    }
}
