using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.Workflows;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Tests.Workflows;

/// <summary>Numbered pages of an account's workflows: filtered by project and title, newest first, with the total.</summary>
public class WorkflowReaderNumberedTests
{
    private const string Account = "acct";
    private readonly StorageTables _storage = StorageTables.InMemory();

    [Fact]
    public async Task ListNumberedAsync_SecondPage_ReturnsThatSliceNewestFirstAndCountsEveryMatch()
    {
        // Arrange: five workflows of project 307, one of another project.
        for (var i = 1; i <= 5; i++)
        {
            await CreateAsync("Flow " + i, "307");
        }

        await CreateAsync("Other", "12");

        // Act
        var page = await Reader().ListNumberedAsync(Account, new WorkflowListQuery { Project = "307" }, page: 2, pageSize: 2, CancellationToken.None);

        // Assert
        Assert.Equal(5, page.Count);
        Assert.Equal(["Flow 3", "Flow 2"], page.Items.Select(w => w.Title));
    }

    [Fact]
    public async Task ListNumberedAsync_TitleFilterPastTheLastPage_IsEmptyWithTheCount()
    {
        await CreateAsync("Invoice parser", null);
        await CreateAsync("Mail triage", null);
        await CreateAsync("INVOICE totals", null);

        var page = await Reader().ListNumberedAsync(Account, new WorkflowListQuery { TitleContains = "invoice" }, page: 2, pageSize: 5, CancellationToken.None);

        Assert.Equal((2, 0), (page.Count, page.Items.Count));
    }

    private Task<WorkflowRecord> CreateAsync(string title, string? project) =>
        new WorkflowRepository(_storage, TimeProvider.System).CreateAsync(Account, title, project, null, "{}", CancellationToken.None);

    private WorkflowReader Reader() => new(new WorkflowRepository(_storage, TimeProvider.System), new DefinitionCache(8));
}
