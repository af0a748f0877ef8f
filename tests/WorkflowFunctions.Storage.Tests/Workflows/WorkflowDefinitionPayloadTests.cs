using System.Text;
using WorkflowFunctions.Storage.Tables;
using WorkflowFunctions.Storage.Tests.Backends;
using WorkflowFunctions.Storage.Workflows;

namespace WorkflowFunctions.Storage.Tests.Workflows;

/// <summary>Definitions over the table property limit (64 KB) go through the payload blob and come back intact.</summary>
public abstract class WorkflowDefinitionPayloadTests(IStorageBackend backend) : StorageTests(backend)
{
    private readonly string _account = NewAccount();

    private WorkflowRepository Repository => new(Storage, Time);

    [Theory]
    [InlineData(200 * 1024)]
    [InlineData(4 * 1024 * 1024)]
    public async Task CreateAsync_LargeDefinition_RoundTripsThroughBlob(int size)
    {
        var definition = LargeDefinition(size);

        var created = await Repository.CreateAsync(_account, "Large", null, null, definition, default);

        var version = await Repository.GetVersionAsync(_account, created, null, default);
        Assert.Equal(definition, version!.Definition);
        Assert.Equal(Encoding.UTF8.GetByteCount(definition), version.SizeBytes);
        var row = await VersionRowAsync();
        Assert.False(row.ContainsKey("Definition"));
        Assert.NotNull(await Storage.Payloads.GetAsync(row.GetString("DefinitionBlob"), default));
    }

    [Fact]
    public async Task CreateAsync_SmallDefinition_StaysInTheRow()
    {
        await Repository.CreateAsync(_account, "Small", null, null, WorkflowRepositoryTests.Definition(1), default);

        var row = await VersionRowAsync();

        Assert.Equal(WorkflowRepositoryTests.Definition(1), row.GetString("Definition"));
        Assert.False(row.ContainsKey("DefinitionBlob"));
    }

    [Fact]
    public async Task UpdateAsync_LargeNewDefinition_KeepsOldAndNewVersionsReadable()
    {
        var first = LargeDefinition(200 * 1024);
        var second = LargeDefinition(300 * 1024);
        var created = await Repository.CreateAsync(_account, "Large", null, null, first, default);

        var updated = await Repository.UpdateAsync(_account, created.Id, new WorkflowChanges { Definition = second }, default);

        Assert.Equal(first, (await Repository.GetVersionAsync(_account, updated!, 1, default))!.Definition);
        Assert.Equal(second, (await Repository.GetVersionAsync(_account, updated!, 2, default))!.Definition);
    }

    [Fact]
    public async Task DeleteAsync_LargeDefinition_DeletesTheBlob()
    {
        var created = await Repository.CreateAsync(_account, "Large", null, null, LargeDefinition(200 * 1024), default);
        var blob = (await VersionRowAsync()).GetString("DefinitionBlob");

        await Repository.DeleteAsync(_account, created.Id, default);

        Assert.Null(await Storage.Payloads.GetAsync(blob, default));
    }

    /// <summary>A valid definition of about <paramref name="size"/> characters: one node with a long prompt (non-ASCII included).</summary>
    private static string LargeDefinition(int size)
    {
        var prompt = string.Concat(Enumerable.Repeat("Résumé the ticket. ", size / 19 + 1))[..size];
        return $$$"""{"start_node":"n1","nodes":[{"id":"n1","type":"llm","data":{"prompt":"{{{prompt}}}"}}],"edges":[]}""";
    }

    private async Task<Azure.Data.Tables.TableEntity> VersionRowAsync()
    {
        var page = await Storage.Workflows.QueryAsync(new TableQuery(_account) { RowKeyAfter = "v~", RowKeyBefore = StorageKeys.End("v") }, default);
        return Assert.Single(page.Rows);
    }

    public sealed class OnAzurite() : WorkflowDefinitionPayloadTests(new AzuriteBackend());

    public sealed class InMemory() : WorkflowDefinitionPayloadTests(new InMemoryBackend());
}
