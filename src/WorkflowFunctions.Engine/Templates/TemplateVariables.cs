using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Inputs;

namespace WorkflowFunctions.Engine.Templates;

/// <summary>
/// Bare variables: a placeholder root that names one of the start trigger's input fields, and is not a node ID,
/// reads that input, so <c>{{ region }}</c> is <c>{{ input.region }}</c> (reference 000's <c>{{variable_name}}</c>).
/// A node ID always wins over a field with the same ID, and <c>input</c> always means the whole input.
/// </summary>
public static class TemplateVariables
{
    /// <summary>The roots of <paramref name="definition"/> that are bare variables.</summary>
    public static IReadOnlySet<string> Of(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var variables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in InputFields.FromDefinition(definition))
        {
            if (field.Id != TemplateReference.InputRoot && definition.FindNode(field.Id) is null)
            {
                variables.Add(field.Id);
            }
        }

        return variables;
    }
}
