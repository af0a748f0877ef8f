namespace WorkflowFunctions.Nodes.Llm;

/// <summary>A model's price in USD per million tokens (settings <c>Llm__Prices__&lt;model&gt;__Input</c> / <c>__Output</c>).</summary>
public sealed class ModelPrice
{
    public ModelPrice()
    {
    }

    public ModelPrice(decimal input, decimal output)
    {
        Input = input;
        Output = output;
    }

    /// <summary>USD per million input (prompt) tokens.</summary>
    public decimal Input { get; set; }

    /// <summary>USD per million output (completion) tokens.</summary>
    public decimal Output { get; set; }

    /// <summary>The cost of one call in USD.</summary>
    public decimal Cost(long inputTokens, long outputTokens) =>
        ((inputTokens * Input) + (outputTokens * Output)) / 1_000_000m;
}
