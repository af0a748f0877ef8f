using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Templates;

namespace WorkflowFunctions.Engine.Tables;

/// <summary>
/// The <c>table</c> field of <c>filter-rows-node</c> and <c>map-rows-node</c>: exactly one placeholder, such as
/// <c>{{ csv.result }}</c>, whose value is a table (or an array of objects, see <see cref="TableValue.TryRead"/>).
/// </summary>
public static class TableSource
{
    /// <summary>The field's placeholder, or null with the reason when it is not a single placeholder.</summary>
    public static TemplateReference? Reference(JsonNode? source, out string? error)
    {
        if (source is not JsonValue value || value.GetValueKind() != JsonValueKind.String
            || !TemplateCache.TryGet(value.GetValue<string>(), out var template, out _)
            || template.SoleReference is not { } reference)
        {
            error = "'table' must be exactly one placeholder naming a table, such as {{ csv.result }}.";
            return null;
        }

        error = null;
        return reference;
    }

    /// <summary>Resolves the field against a run; false with the reason when it names no table.</summary>
    public static bool TryResolve(JsonNode? source, TemplateScope scope, out TableValue table, out string? error)
    {
        ArgumentNullException.ThrowIfNull(scope);
        table = null!;
        if (Reference(source, out error) is not { } reference)
        {
            return false;
        }

        if (!TemplateValues.TryResolve(reference, scope, out var value) || value is null)
        {
            error = $"'table' reads {{{{ {reference} }}}}, which has no value (did the node finish?).";
            return false;
        }

        if (!TableValue.TryRead(value, out table, out var problem))
        {
            error = $"'table' reads {{{{ {reference} }}}}: {problem}";
            return false;
        }

        return true;
    }
}
