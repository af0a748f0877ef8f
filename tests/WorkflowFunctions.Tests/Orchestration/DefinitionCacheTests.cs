using System.Text.Json;
using WorkflowFunctions.Tests.Fixtures;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Tests.Orchestration;

public sealed class DefinitionCacheTests
{
    [Fact]
    public void Get_SameTextTwice_ReturnsSamePlanInstance()
    {
        // Arrange
        var cache = new DefinitionCache(4);
        var definition = Chain("a");

        // Act
        var first = cache.Get(definition);
        var second = cache.Get(definition);

        // Assert
        Assert.Same(first.Plan, second.Plan);
    }

    [Fact]
    public void Get_SameTextInSeparateDocuments_ReturnsSamePlanInstance()
    {
        // Arrange
        var cache = new DefinitionCache(4);
        var text = Chain("a").GetRawText();

        // Act
        var first = cache.Get(JsonDocument.Parse(text).RootElement);
        var second = cache.Get(JsonDocument.Parse(text).RootElement);

        // Assert
        Assert.Same(first.Plan, second.Plan);
    }

    [Fact]
    public void Get_DifferentText_ReturnsDifferentPlans()
    {
        // Arrange
        var cache = new DefinitionCache(4);

        // Act
        var first = cache.Get(Chain("a"));
        var second = cache.Get(Chain("b"));

        // Assert
        Assert.NotSame(first.Plan, second.Plan);
        Assert.Equal(["t", "b"], second.Plan.Nodes);
    }

    [Fact]
    public void Get_MoreDefinitionsThanCapacity_KeepsAtMostCapacityEntries()
    {
        // Arrange
        var cache = new DefinitionCache(2);

        // Act
        foreach (var id in new[] { "a", "b", "c", "d", "e" })
        {
            cache.Get(Chain(id));
        }

        // Assert
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void Get_DefinitionsBeyondTextBudget_KeepsTextWithinBudget()
    {
        // Arrange
        var one = Chain("a").GetRawText().Length;
        var cache = new DefinitionCache(100, maxTextBytes: (one * 2) + 1);

        // Act
        foreach (var id in new[] { "b", "c", "d", "e" })
        {
            cache.Get(Chain(id));
        }

        // Assert
        Assert.Equal(2, cache.Count);
        Assert.True(cache.TextBytes <= cache.MaxTextBytes);
    }

    [Fact]
    public void Get_DefinitionLargerThanTextBudget_CompilesWithoutCaching()
    {
        // Arrange
        var cache = new DefinitionCache(4, maxTextBytes: 10);

        // Act
        var compiled = cache.Get(Chain("a"));

        // Assert
        Assert.Equal(["t", "a"], compiled.Plan.Nodes);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Get_EvictedDefinition_CompilesAnEqualPlanAgain()
    {
        // Arrange
        var cache = new DefinitionCache(1);
        var definition = new GraphBuilder().Trigger("t", "x", "y").Llm("x", "X", next: "z").Llm("y", "Y", next: "z").Llm("z", "Z").Build();
        var before = cache.Get(definition);
        cache.Get(Chain("other"));

        // Act
        var after = cache.Get(definition);

        // Assert
        Assert.NotSame(before.Plan, after.Plan);
        Assert.Equal(before.Plan.Nodes, after.Plan.Nodes);
    }

    [Fact]
    public void Get_DefinitionThatCannotCompile_ThrowsAndCachesNothing()
    {
        // Arrange
        var cache = new DefinitionCache(4);
        var noStart = JsonSerializer.SerializeToElement(new { nodes = Array.Empty<object>(), edges = Array.Empty<object>() });

        // Act
        var error = Record.Exception(() => cache.Get(noStart));

        // Assert
        Assert.IsType<InvalidOperationException>(error);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void ReferencedNodes_NodeWithTemplates_ListsOnlyOtherNodesItRefersTo()
    {
        // Arrange
        var cache = new DefinitionCache(4);
        var definition = new GraphBuilder().Trigger("t", "a").Llm("a", "A", next: "b").Llm("b", "{{ a.result.content }} {{ input.topic }}").Build();

        // Act
        var referenced = cache.Get(definition).ReferencedNodes("b");

        // Assert
        Assert.Equal(["a"], referenced);
    }

    private static JsonElement Chain(string id) => new GraphBuilder().Trigger("t", id).Llm(id, id).Build();
}
