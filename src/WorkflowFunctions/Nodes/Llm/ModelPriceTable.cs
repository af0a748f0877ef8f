using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace WorkflowFunctions.Nodes.Llm;

/// <summary>
/// Prices for the cost of LLM nodes: built-in list prices for common OpenAI models, overridden or extended
/// by <c>Llm__Prices__&lt;model&gt;__Input</c> / <c>__Output</c>. Names match without case, with <c>.</c>,
/// <c>-</c>, <c>_</c> and <c>:</c> interchangeable (setting names cannot always hold dots or hyphens, and never
/// a colon, which separates configuration sections: <c>llama3.1:8b</c> is priced as <c>llama3_1_8b</c>),
/// after a provider prefix (<c>openai/gpt-4o</c>), and with a version date suffix (<c>gpt-4o-2024-08-06</c>).
/// </summary>
public sealed partial class ModelPriceTable
{
    /// <summary>List prices in USD per million tokens (input, output) as published by OpenAI in 2025.</summary>
    public static readonly IReadOnlyDictionary<string, ModelPrice> Defaults = new Dictionary<string, ModelPrice>(StringComparer.Ordinal)
    {
        ["gpt-4o"] = new(2.50m, 10.00m),
        ["gpt-4o-mini"] = new(0.15m, 0.60m),
        ["gpt-4.1"] = new(2.00m, 8.00m),
        ["gpt-4.1-mini"] = new(0.40m, 1.60m),
        ["gpt-4.1-nano"] = new(0.10m, 0.40m),
        ["gpt-5"] = new(1.25m, 10.00m),
        ["gpt-5-mini"] = new(0.25m, 2.00m),
        ["gpt-5-nano"] = new(0.05m, 0.40m),
        ["o1"] = new(15.00m, 60.00m),
        ["o1-mini"] = new(1.10m, 4.40m),
        ["o3"] = new(2.00m, 8.00m),
        ["o3-mini"] = new(1.10m, 4.40m),
        ["o4-mini"] = new(1.10m, 4.40m),
        ["gpt-4-turbo"] = new(10.00m, 30.00m),
        ["gpt-4"] = new(30.00m, 60.00m),
        ["gpt-3.5-turbo"] = new(0.50m, 1.50m),
    };

    private readonly FrozenDictionary<string, ModelPrice> _prices;

    public ModelPriceTable(IReadOnlyDictionary<string, ModelPrice>? overrides)
    {
        var prices = new Dictionary<string, ModelPrice>(StringComparer.Ordinal);
        foreach (var (model, price) in Defaults)
        {
            prices[Canonical(model)] = price;
        }

        foreach (var (model, price) in overrides ?? new Dictionary<string, ModelPrice>())
        {
            prices[Canonical(model)] = price;
        }

        _prices = prices.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The price of <paramref name="model"/>, or false when it is unknown.</summary>
    public bool TryFind(string? model, out ModelPrice price)
    {
        price = null!;
        if (string.IsNullOrWhiteSpace(model))
        {
            return false;
        }

        var name = Canonical(model[(model.LastIndexOf('/') + 1)..]);
        return _prices.TryGetValue(name, out price!)
            || (VersionSuffix().Match(name) is { Success: true } suffix && _prices.TryGetValue(name[..suffix.Index], out price!));
    }

    private static string Canonical(string model) =>
        model.Trim().ToLowerInvariant().Replace('.', '-').Replace('_', '-').Replace(':', '-');

    // A release date (-2024-08-06) or a four-digit snapshot (-0613) after the model family name.
    [GeneratedRegex(@"-(\d{4}-\d{2}-\d{2}|\d{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionSuffix();
}
