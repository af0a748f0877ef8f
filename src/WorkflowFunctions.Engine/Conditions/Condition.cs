using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Templates;

namespace WorkflowFunctions.Engine.Conditions;

/// <summary>
/// An if-else node's <c>condition</c>: <c>left</c> and <c>right</c> are templates, compared with an operator.
/// Both sides are rendered to text first (missing values render empty). Ordering and equality compare as
/// numbers when both sides parse as invariant-culture numbers, else as ordinal strings. String tests are
/// ordinal (case-sensitive). <c>is_empty</c> is true only for empty text (missing, null or ""); whitespace is
/// not empty.
/// </summary>
public sealed record Condition(Template Left, Template Right, ConditionOperator Operator)
{
    /// <summary>Reads <c>{left, right, operator}</c>. Returns false with a message naming the bad field.</summary>
    public static bool TryParse(JsonNode? condition, out Condition parsed, out string? error)
    {
        parsed = null!;
        if (condition is not JsonObject obj)
        {
            error = "'condition' must be an object with 'left', 'operator' and 'right'.";
            return false;
        }

        var opName = obj["operator"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (!ConditionOperators.TryParse(opName, out var op))
        {
            error = opName is null
                ? "'condition.operator' is missing."
                : $"Unknown condition operator '{opName}'. Supported: {string.Join(", ", ConditionOperators.Names)}.";
            return false;
        }

        if (!TryTemplate(obj, "left", out var left, out error) || !TryTemplate(obj, "right", out var right, out error))
        {
            return false;
        }

        parsed = new Condition(left, right, op);
        return true;
    }

    /// <summary>Renders both sides and applies the operator.</summary>
    public bool Evaluate(TemplateScope scope) => Compare(Left.Render(scope), Right.Render(scope), Operator);

    /// <summary>The comparison on already-rendered text.</summary>
    public static bool Compare(string left, string right, ConditionOperator op)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return op switch
        {
            ConditionOperator.Equal => Order(left, right) == 0,
            ConditionOperator.NotEqual => Order(left, right) != 0,
            ConditionOperator.GreaterThan => Order(left, right) > 0,
            ConditionOperator.LessThan => Order(left, right) < 0,
            ConditionOperator.GreaterThanOrEqual => Order(left, right) >= 0,
            ConditionOperator.LessThanOrEqual => Order(left, right) <= 0,
            ConditionOperator.Contains => left.Contains(right, StringComparison.Ordinal),
            ConditionOperator.NotContains => !left.Contains(right, StringComparison.Ordinal),
            ConditionOperator.StartsWith => left.StartsWith(right, StringComparison.Ordinal),
            ConditionOperator.EndsWith => left.EndsWith(right, StringComparison.Ordinal),
            ConditionOperator.IsEmpty => left.Length == 0,
            ConditionOperator.IsNotEmpty => left.Length != 0,
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown operator."),
        };
    }

    private static int Order(string left, string right)
    {
        if (TryNumber(left, out var l) && TryNumber(right, out var r))
        {
            return l.CompareTo(r);
        }

        return string.CompareOrdinal(left, right) switch { < 0 => -1, 0 => 0, _ => 1 };
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static bool TryTemplate(JsonObject obj, string name, out Template template, out string? error)
    {
        var node = obj[name];
        var text = node switch
        {
            null => string.Empty,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => TemplateValues.ToText(node),
        };
        // Cached: an orchestrator evaluates the same condition on every replay.
        if (!TemplateCache.TryGet(text, out template, out var parseError))
        {
            error = $"'condition.{name}': {parseError}";
            return false;
        }

        error = null;
        return true;
    }
}
