using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Conditions;
using WorkflowFunctions.Engine.Templates;

namespace WorkflowFunctions.Engine.Tables;

/// <summary>A <c>filter-rows-node</c>: the rows of a table for which its condition holds, each row in scope as <c>row</c>.</summary>
public static class FilterRows
{
    public static TableValue Apply(TableValue table, Condition condition, TemplateScope scope)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(scope);
        var kept = new List<JsonObject>();
        foreach (var row in table.Rows)
        {
            if (condition.Evaluate(scope.WithRow(row)))
            {
                kept.Add(row);
            }
        }

        return new TableValue(table.Columns, kept);
    }
}
