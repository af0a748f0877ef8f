namespace WorkflowFunctions.Engine.Conditions;

/// <summary>The operators' names as written in definitions (reference 003 plus the string and emptiness tests).</summary>
public static class ConditionOperators
{
    private static readonly (string Name, ConditionOperator Operator)[] Table =
    [
        ("==", ConditionOperator.Equal),
        ("!=", ConditionOperator.NotEqual),
        (">", ConditionOperator.GreaterThan),
        ("<", ConditionOperator.LessThan),
        (">=", ConditionOperator.GreaterThanOrEqual),
        ("<=", ConditionOperator.LessThanOrEqual),
        ("contains", ConditionOperator.Contains),
        ("not_contains", ConditionOperator.NotContains),
        ("starts_with", ConditionOperator.StartsWith),
        ("ends_with", ConditionOperator.EndsWith),
        ("is_empty", ConditionOperator.IsEmpty),
        ("is_not_empty", ConditionOperator.IsNotEmpty),
    ];

    /// <summary>Every supported name, for schemas and error messages.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Table.Select(t => t.Name)];

    /// <summary>Reads an operator name (exact, case-sensitive).</summary>
    public static bool TryParse(string? name, out ConditionOperator op)
    {
        foreach (var (n, o) in Table)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                op = o;
                return true;
            }
        }

        op = default;
        return false;
    }

    /// <summary>The name an operator is written as.</summary>
    public static string NameOf(ConditionOperator op) => Table.First(t => t.Operator == op).Name;

    /// <summary>Whether the operator ignores its right-hand side.</summary>
    public static bool IsUnary(ConditionOperator op) => op is ConditionOperator.IsEmpty or ConditionOperator.IsNotEmpty;
}
