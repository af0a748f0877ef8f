using WorkflowFunctions.Storage.Tests.Backends;
using WorkflowFunctions.Storage.Workflows;

namespace WorkflowFunctions.Storage.Tests.Workflows;

/// <summary>Creating, finding, versioning, listing and deleting saved workflows, on both backends.</summary>
public abstract class WorkflowRepositoryTests(IStorageBackend backend) : StorageTests(backend)
{
    private readonly string _account = NewAccount();

    private WorkflowRepository Repository => new(Storage, Time);

    [Fact]
    public async Task CreateAsync_ThreeWorkflows_AssignsAliasesOneTwoThree()
    {
        var created = new List<WorkflowRecord>();
        for (var i = 0; i < 3; i++)
        {
            created.Add(await CreateAsync(_account, $"W{i}"));
        }

        Assert.Equal([1, 2, 3], created.Select(w => w.Alias));
    }

    [Fact]
    public async Task CreateAsync_TwoAccounts_CountAliasesIndependently()
    {
        var other = NewAccount();
        await CreateAsync(_account, "A1");
        await CreateAsync(_account, "A2");

        var first = await CreateAsync(other, "B1");

        Assert.Equal(1, first.Alias);
    }

    [Fact]
    public async Task CreateAsync_Workflow_StartsAtVersionOneWithItsMetadata()
    {
        var created = await Repository.CreateAsync(_account, "Title", "proj", "desc", Definition(1), default);

        Assert.StartsWith("wf_", created.Id, StringComparison.Ordinal);
        Assert.Equal(("Title", "proj", "desc", 1), (created.Title, created.Project, created.Description, created.LatestVersion));
        Assert.Equal(StorageKeys.Sha256(Definition(1)), created.LatestHash);
        Assert.Equal(Start, created.CreatedAt);
    }

    [Fact]
    public async Task FindAsync_ById_ReturnsWorkflow()
    {
        var created = await CreateAsync(_account, "W");

        var found = await Repository.FindAsync(_account, created.Id, default);

        Assert.Equal(created, found);
    }

    [Fact]
    public async Task FindAsync_ByAlias_ReturnsWorkflow()
    {
        await CreateAsync(_account, "First");
        var second = await CreateAsync(_account, "Second");

        var found = await Repository.FindAsync(_account, "2", default);

        Assert.Equal(second.Id, found?.Id);
    }

    [Fact]
    public async Task FindAsync_ByUuid_ReturnsWorkflow()
    {
        await CreateAsync(_account, "First");
        var second = await CreateAsync(_account, "Second");

        var found = await Repository.FindAsync(_account, second.Uuid!, default);
        var upper = await Repository.FindAsync(_account, second.Uuid!.ToUpperInvariant(), default);

        Assert.Equal(second, found);
        Assert.Equal(second.Id, upper?.Id);
    }

    [Fact]
    public async Task FindAsync_OtherAccountByUuid_ReturnsNull()
    {
        var created = await CreateAsync(_account, "W");

        var found = await Repository.FindAsync(NewAccount(), created.Uuid!, default);

        Assert.Null(found);
    }

    [Fact]
    public async Task FindAsync_ListedAndUpdated_KeepsTheUuidItWasCreatedWith()
    {
        var created = await CreateAsync(_account, "W");

        var updated = await Repository.UpdateAsync(_account, created.Uuid!, new WorkflowChanges { Title = "Renamed", Definition = Definition(2) }, default);
        var listed = (await Repository.ListAsync(_account, new WorkflowListQuery(), default)).Items.Single();

        Assert.NotNull(created.Uuid);
        Assert.Equal((created.Uuid, "Renamed"), (updated!.Uuid, updated.Title));
        Assert.Equal(created.Uuid, listed.Uuid);
    }

    [Fact]
    public async Task FindAsync_OtherAccountById_ReturnsNull()
    {
        var created = await CreateAsync(_account, "W");

        var found = await Repository.FindAsync(NewAccount(), created.Id, default);

        Assert.Null(found);
    }

    [Fact]
    public async Task FindAsync_OtherAccountByAlias_ReturnsNull()
    {
        await CreateAsync(_account, "W");

        var found = await Repository.FindAsync(NewAccount(), "1", default);

        Assert.Null(found);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("wf_doesnotexist")]
    [InlineData("bad/id")]
    [InlineData("550e8400-e29b-41d4-a716-446655440000")]
    public async Task FindAsync_UnknownIdOrAlias_ReturnsNull(string idOrAlias)
    {
        await CreateAsync(_account, "W");

        var found = await Repository.FindAsync(_account, idOrAlias, default);

        Assert.Null(found);
    }

    [Fact]
    public async Task UpdateAsync_SameDefinition_KeepsVersion()
    {
        var created = await CreateAsync(_account, "W");

        var updated = await Repository.UpdateAsync(_account, created.Id, new WorkflowChanges { Definition = Definition(1), Title = "Renamed" }, default);

        Assert.Equal(1, updated!.LatestVersion);
        Assert.Equal("Renamed", updated.Title);
        Assert.Single(await Repository.ListVersionsAsync(_account, created.Id, default));
    }

    [Fact]
    public async Task UpdateAsync_DifferentDefinition_AddsVersion()
    {
        var created = await CreateAsync(_account, "W");

        var updated = await Repository.UpdateAsync(_account, created.Id, new WorkflowChanges { Definition = Definition(2) }, default);

        Assert.Equal(2, updated!.LatestVersion);
        Assert.Equal(StorageKeys.Sha256(Definition(2)), updated.LatestHash);
    }

    [Fact]
    public async Task UpdateAsync_ByAlias_UpdatesThatWorkflow()
    {
        var created = await CreateAsync(_account, "W");

        await Repository.UpdateAsync(_account, "1", new WorkflowChanges { Title = "Renamed" }, default);

        Assert.Equal("Renamed", (await Repository.FindAsync(_account, created.Id, default))!.Title);
    }

    [Fact]
    public async Task UpdateAsync_ClearProjectAndDescription_RemovesThem()
    {
        var created = await Repository.CreateAsync(_account, "W", "proj", "desc", Definition(1), default);

        var updated = await Repository.UpdateAsync(_account, created.Id, new WorkflowChanges { ClearProject = true, ClearDescription = true }, default);

        Assert.Null(updated!.Project);
        Assert.Null(updated.Description);
        Assert.Null((await Repository.ListAsync(_account, new WorkflowListQuery(), default)).Items.Single().Project);
    }

    [Fact]
    public async Task UpdateAsync_MissingWorkflow_ReturnsNull()
    {
        var updated = await Repository.UpdateAsync(_account, "wf_missing", new WorkflowChanges { Title = "x" }, default);

        Assert.Null(updated);
    }

    [Fact]
    public async Task ListVersionsAsync_ThreeVersions_ReturnsThemOldestFirstWithoutDefinitions()
    {
        var created = await CreateAsync(_account, "W");
        Time.Advance(TimeSpan.FromMinutes(1));
        await Repository.UpdateAsync(_account, created.Id, new WorkflowChanges { Definition = Definition(2) }, default);
        Time.Advance(TimeSpan.FromMinutes(1));
        await Repository.UpdateAsync(_account, created.Id, new WorkflowChanges { Definition = Definition(3) }, default);

        var versions = await Repository.ListVersionsAsync(_account, created.Id, default);

        Assert.Equal([1, 2, 3], versions.Select(v => v.Version));
        Assert.Equal([Start, Start.AddMinutes(1), Start.AddMinutes(2)], versions.Select(v => v.CreatedAt));
        Assert.Equal(StorageKeys.Sha256(Definition(2)), versions[1].Hash);
        Assert.All(versions, v => Assert.Null(v.Definition));
    }

    [Fact]
    public async Task GetVersionAsync_OldVersion_ReturnsItsDefinition()
    {
        var created = await CreateAsync(_account, "W");
        var updated = await Repository.UpdateAsync(_account, created.Id, new WorkflowChanges { Definition = Definition(2) }, default);

        var first = await Repository.GetVersionAsync(_account, updated!, 1, default);

        Assert.Equal(Definition(1), first!.Definition);
        Assert.Equal(LargeTextBytes(Definition(1)), first.SizeBytes);
    }

    [Fact]
    public async Task GetVersionAsync_NoVersionGiven_ReturnsLatest()
    {
        var created = await CreateAsync(_account, "W");
        var updated = await Repository.UpdateAsync(_account, created.Id, new WorkflowChanges { Definition = Definition(2) }, default);

        var latest = await Repository.GetVersionAsync(_account, updated!, null, default);

        Assert.Equal((2, Definition(2)), (latest!.Version, latest.Definition));
    }

    [Fact]
    public async Task GetVersionAsync_LatestReadAgainAfterAnUpdate_ReturnsTheNewLatest()
    {
        // One repository, as the app's singleton: the latest version it read is kept, and must not outlive an update.
        var repository = Repository;
        var created = await repository.CreateAsync(_account, "W", null, null, Definition(1), default);
        var first = await repository.GetVersionAsync(_account, created, null, default);
        var again = await repository.GetVersionAsync(_account, (await repository.FindAsync(_account, created.Id, default))!, null, default);
        var updated = await repository.UpdateAsync(_account, created.Id, new WorkflowChanges { Definition = Definition(2) }, default);

        var latest = await repository.GetVersionAsync(_account, updated!, null, default);

        Assert.Equal((1, Definition(1)), (first!.Version, first.Definition));
        Assert.Equal((1, Definition(1)), (again!.Version, again.Definition));
        Assert.Equal((2, Definition(2)), (latest!.Version, latest.Definition));
    }

    [Fact]
    public async Task GetVersionAsync_UnknownVersion_ReturnsNull()
    {
        var created = await CreateAsync(_account, "W");

        var missing = await Repository.GetVersionAsync(_account, created, 5, default);

        Assert.Null(missing);
    }

    [Fact]
    public async Task ListAsync_NoFilters_ReturnsNewestFirst()
    {
        await CreateAsync(_account, "A");
        await CreateAsync(_account, "B");
        await CreateAsync(_account, "C");

        var page = await Repository.ListAsync(_account, new WorkflowListQuery(), default);

        Assert.Equal(["C", "B", "A"], page.Items.Select(w => w.Title));
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task ListAsync_ProjectFilter_ReturnsOnlyThatProject()
    {
        await Repository.CreateAsync(_account, "A", "alpha", null, Definition(1), default);
        await Repository.CreateAsync(_account, "B", "beta", null, Definition(1), default);
        await Repository.CreateAsync(_account, "C", "alpha", null, Definition(1), default);
        await Repository.CreateAsync(_account, "D", null, null, Definition(1), default);

        var page = await Repository.ListAsync(_account, new WorkflowListQuery { Project = "alpha" }, default);

        Assert.Equal(["C", "A"], page.Items.Select(w => w.Title));
    }

    [Fact]
    public async Task ListAsync_TitleFilter_MatchesSubstringIgnoringCase()
    {
        await CreateAsync(_account, "Invoice intake");
        await CreateAsync(_account, "Summarise tickets");
        await CreateAsync(_account, "Daily INVOICE report");

        var page = await Repository.ListAsync(_account, new WorkflowListQuery { TitleContains = "invoice" }, default);

        Assert.Equal(["Daily INVOICE report", "Invoice intake"], page.Items.Select(w => w.Title));
    }

    [Fact]
    public async Task ListAsync_CreatedBefore_ReturnsOnlyOlderWorkflowsNewestFirst()
    {
        await CreateAsync(_account, "A");
        Time.Advance(TimeSpan.FromMinutes(1));
        await CreateAsync(_account, "B");
        Time.Advance(TimeSpan.FromMinutes(1));
        await CreateAsync(_account, "C");

        var page = await Repository.ListAsync(_account, new WorkflowListQuery { CreatedBefore = Start.AddMinutes(2) }, default);
        var none = await Repository.ListAsync(_account, new WorkflowListQuery { CreatedBefore = Start }, default);

        Assert.Equal(["B", "A"], page.Items.Select(w => w.Title));
        Assert.Empty(none.Items);
    }

    [Fact]
    public async Task ListAsync_RenamedWorkflow_ShowsNewTitle()
    {
        var created = await CreateAsync(_account, "Old");

        await Repository.UpdateAsync(_account, created.Id, new WorkflowChanges { Title = "New" }, default);

        Assert.Equal("New", (await Repository.ListAsync(_account, new WorkflowListQuery(), default)).Items.Single().Title);
    }

    [Fact]
    public async Task ListAsync_PagingViaNext_ReturnsEachWorkflowOnceNewestFirst()
    {
        for (var i = 1; i <= 7; i++)
        {
            await CreateAsync(_account, $"W{i}");
        }

        var seen = new List<int>();
        string? next = null;
        do
        {
            var page = await Repository.ListAsync(_account, new WorkflowListQuery { Limit = 3, After = next }, default);
            Assert.InRange(page.Items.Count, 1, 3);
            seen.AddRange(page.Items.Select(w => w.Alias));
            next = page.Next;
        }
        while (next is not null);

        Assert.Equal([7, 6, 5, 4, 3, 2, 1], seen);
    }

    [Fact]
    public async Task ListAsync_FilteredPaging_ReturnsEachMatchOnce()
    {
        for (var i = 1; i <= 9; i++)
        {
            await Repository.CreateAsync(_account, $"W{i}", i % 3 == 0 ? "three" : "other", null, Definition(1), default);
        }

        var first = await Repository.ListAsync(_account, new WorkflowListQuery { Project = "three", Limit = 2 }, default);
        var second = await Repository.ListAsync(_account, new WorkflowListQuery { Project = "three", Limit = 2, After = first.Next }, default);

        Assert.Equal(["W9", "W6", "W3"], first.Items.Concat(second.Items).Select(w => w.Title));
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task DeleteAsync_Existing_RemovesItFromFindAndList()
    {
        var created = await CreateAsync(_account, "W");

        var deleted = await Repository.DeleteAsync(_account, created.Id, default);

        Assert.True(deleted);
        Assert.Null(await Repository.FindAsync(_account, created.Id, default));
        Assert.Null(await Repository.FindAsync(_account, "1", default));
        Assert.Empty((await Repository.ListAsync(_account, new WorkflowListQuery(), default)).Items);
    }

    [Fact]
    public async Task DeleteAsync_Existing_RemovesItsVersions()
    {
        var created = await CreateAsync(_account, "W");
        await Repository.UpdateAsync(_account, created.Id, new WorkflowChanges { Definition = Definition(2) }, default);

        await Repository.DeleteAsync(_account, created.Id, default);

        Assert.Empty(await Repository.ListVersionsAsync(_account, created.Id, default));
    }

    [Fact]
    public async Task DeleteAsync_ThenCreate_DoesNotReuseTheAlias()
    {
        await CreateAsync(_account, "A");
        var second = await CreateAsync(_account, "B");
        await Repository.DeleteAsync(_account, second.Id, default);

        var third = await CreateAsync(_account, "C");

        Assert.Equal(3, third.Alias);
    }

    [Fact]
    public async Task DeleteAsync_Missing_ReturnsFalse()
    {
        var deleted = await Repository.DeleteAsync(_account, "wf_missing", default);

        Assert.False(deleted);
    }

    [Fact]
    public async Task DeleteAsync_OtherAccount_ReturnsFalseAndKeepsIt()
    {
        var created = await CreateAsync(_account, "W");

        var deleted = await Repository.DeleteAsync(NewAccount(), created.Id, default);

        Assert.False(deleted);
        Assert.NotNull(await Repository.FindAsync(_account, created.Id, default));
    }

    internal static string Definition(int n) => $$$"""{"start_node":"n{{{n}}}","nodes":[{"id":"n{{{n}}}","type":"llm","data":{}}],"edges":[]}""";

    private static int LargeTextBytes(string text) => System.Text.Encoding.UTF8.GetByteCount(text);

    private Task<WorkflowRecord> CreateAsync(string account, string title) =>
        Repository.CreateAsync(account, title, null, null, Definition(1), default);

    public sealed class OnAzurite() : WorkflowRepositoryTests(new AzuriteBackend());

    public sealed class InMemory() : WorkflowRepositoryTests(new InMemoryBackend());
}
