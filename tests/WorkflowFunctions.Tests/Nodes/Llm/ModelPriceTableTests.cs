
using WorkflowFunctions.Nodes.Llm;

namespace WorkflowFunctions.Tests.Nodes.Llm;

public sealed class ModelPriceTableTests
{
    [Theory]
    [InlineData("gpt-4o-mini", 0.15)]
    [InlineData("gpt-4o-mini-2024-07-18", 0.15)]
    [InlineData("gpt-4o-2024-08-06", 2.50)]
    [InlineData("GPT-4.1", 2.00)]
    [InlineData("openai/gpt-4.1-mini", 0.40)]
    [InlineData("gpt-3.5-turbo-0125", 0.50)]
    public void TryFind_KnownModelSpelling_FindsItsInputPrice(string model, double input)
    {
        // Arrange
        var table = new ModelPriceTable(null);

        // Act
        var found = table.TryFind(model, out var price);

        // Assert
        Assert.Equal((true, (decimal)input), (found, price.Input));
    }

    [Theory]
    [InlineData("gpt-4o-audio-preview")]
    [InlineData("llama3.1:8b")]
    [InlineData("")]
    [InlineData(null)]
    public void TryFind_UnknownModel_ReturnsFalse(string? model)
    {
        // Arrange
        var table = new ModelPriceTable(null);

        // Act
        var found = table.TryFind(model, out _);

        // Assert
        Assert.False(found);
    }

    [Fact]
    public void TryFind_OverrideWrittenWithUnderscores_ReplacesDefault()
    {
        // Arrange
        var table = new ModelPriceTable(new Dictionary<string, ModelPrice> { ["gpt_4_1"] = new(1m, 2m) });

        // Act
        table.TryFind("gpt-4.1", out var price);

        // Assert
        Assert.Equal((1m, 2m), (price.Input, price.Output));
    }

    [Fact]
    public void Cost_TokensAndPricePerMillion_ReturnsUsd()
    {
        // Arrange
        var price = new ModelPrice(2.50m, 10.00m);

        // Act
        var cost = price.Cost(inputTokens: 2_000, outputTokens: 1_000);

        // Assert
        Assert.Equal(0.015m, cost);
    }
}
