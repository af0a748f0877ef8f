using WorkflowFunctions.Storage.Tests.Backends;
using WorkflowFunctions.Storage.Workflows;

namespace WorkflowFunctions.Storage.Tests.Workflows;

/// <summary>Concurrent changes to one workflow (or one account's alias counter) never lose an update.</summary>
public abstract class WorkflowConcurrencyTests(IStorageBackend backend) : StorageTests(backend)
{
    private const int Writers = 20;
    private readonly string _account = NewAccount();

    private WorkflowRepository Repository => new(Storage, Time);

    [Fact]
    public async Task UpdateAsync_TwentyParallelNewDefinitions_KeepsEveryVersion()
    {
        var created = await Repository.CreateAsync(_account, "W", null, null, WorkflowRepositoryTests.Definition(0), default);

        var results = await Task.WhenAll(Enumerable.Range(1, Writers).Select(i =>
            Task.Run(() => Repository.UpdateAsync(_account, created.Id, new WorkflowChanges { Definition = WorkflowRepositoryTests.Definition(i) }, default))));

        var final = await Repository.FindAsync(_account, created.Id, default);
        Assert.All(results, Assert.NotNull);
        Assert.Equal(Writers + 1, final!.LatestVersion);
        var versions = await Repository.ListVersionsAsync(_account, created.Id, default);
        Assert.Equal(Enumerable.Range(1, Writers + 1), versions.Select(v => v.Version));
        var hashes = Enumerable.Range(0, Writers + 1).Select(i => StorageKeys.Sha256(WorkflowRepositoryTests.Definition(i))).Order(StringComparer.Ordinal);
        Assert.Equal(hashes, versions.Select(v => v.Hash).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task UpdateAsync_ParallelChangesOfDifferentFields_EachLands()
    {
        var created = await Repository.CreateAsync(_account, "Old", null, null, WorkflowRepositoryTests.Definition(0), default);
        WorkflowChanges[] changes =
        [
            new() { Title = "New title" },
            new() { Project = "new-project" },
            new() { Description = "New description" },
            new() { Definition = WorkflowRepositoryTests.Definition(1) },
        ];

        await Task.WhenAll(changes.Select(c => Task.Run(() => Repository.UpdateAsync(_account, created.Id, c, default))));

        var final = await Repository.FindAsync(_account, created.Id, default);
        Assert.Equal(("New title", "new-project", "New description", 2), (final!.Title, final.Project, final.Description, final.LatestVersion));
    }

    [Fact]
    public async Task UpdateAsync_ParallelTitleChangesBetweenNewDefinitions_LoseNeither()
    {
        var created = await Repository.CreateAsync(_account, "Old", null, null, WorkflowRepositoryTests.Definition(0), default);
        var titles = Enumerable.Range(1, Writers / 2).Select(i => $"T{i}").ToList();
        var changes = titles.Select(t => new WorkflowChanges { Title = t })
            .Concat(Enumerable.Range(1, Writers / 2).Select(i => new WorkflowChanges { Definition = WorkflowRepositoryTests.Definition(i) }));

        var results = await Task.WhenAll(changes.Select(c => Task.Run(() => Repository.UpdateAsync(_account, created.Id, c, default))));

        // A title write based on a stale head would have reset the version count; every definition must still count.
        var final = await Repository.FindAsync(_account, created.Id, default);
        Assert.All(results, Assert.NotNull);
        Assert.Equal(Writers / 2 + 1, final!.LatestVersion);
        Assert.Contains(final.Title, titles);
    }

    [Fact]
    public async Task CreateAsync_ParallelCreates_AssignDistinctConsecutiveAliases()
    {
        var created = await Task.WhenAll(Enumerable.Range(1, 10).Select(i =>
            Task.Run(() => Repository.CreateAsync(_account, $"W{i}", null, null, WorkflowRepositoryTests.Definition(i), default))));

        Assert.Equal(Enumerable.Range(1, 10), created.Select(w => w.Alias).Order());
    }

    public sealed class OnAzurite() : WorkflowConcurrencyTests(new AzuriteBackend());

    public sealed class InMemory() : WorkflowConcurrencyTests(new InMemoryBackend());
}
