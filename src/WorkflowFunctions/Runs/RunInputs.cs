using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Inputs;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Runs;

/// <summary>
/// The one place a run's definition and input are checked before anything starts: a definition with errors (a
/// draft, or a version saved under older rules) is refused with every finding; an input is validated against the
/// trigger's input fields (defaults applied, values coerced) with every problem reported at once.
/// </summary>
public static class RunInputs
{
    /// <summary>At most this many problems are listed for a batch (the message still counts every invalid item).</summary>
    public const int MaxReportedBatchProblems = 50;

    /// <summary>Null when the definition can run; otherwise why not.</summary>
    public static Failure? CheckDefinition(PreparedWorkflow workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        if (workflow.Report.HasErrors)
        {
            return Failure.InvalidDefinition(workflow.Report);
        }

        return workflow.IsCompiled ? null : new Failure(FailureKind.InvalidDefinition, "The workflow's graph cannot be compiled into a plan.");
    }

    /// <summary>The definition checked, then the input validated: the input a run starts with, or why it cannot start.</summary>
    public static Outcome<JsonNode> Validate(PreparedWorkflow workflow, JsonNode? input)
    {
        if (CheckDefinition(workflow) is { } invalid)
        {
            return invalid;
        }

        var result = RunInputValidator.Validate(workflow.InputFields, RunInput.FromJson(input));
        if (result.IsValid)
        {
            return result.Input ?? new JsonObject();
        }

        return new Failure(FailureKind.InvalidInput, $"The input has {result.Problems.Count} problem(s); the first: {result.Problems[0].Message}")
        {
            InputIssues = result.Problems.Select(p => new InputIssue(null, p.FieldId, p.Code, p.Message, p.Path)).ToList(),
        };
    }

    /// <summary>Every item of a batch validated (all or nothing): the inputs, or a failure listing the first problems.</summary>
    public static Outcome<IReadOnlyList<JsonNode>> ValidateAll(PreparedWorkflow workflow, IReadOnlyList<JsonNode?> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (CheckDefinition(workflow) is { } invalid)
        {
            return invalid;
        }

        var inputs = new List<JsonNode>(items.Count);
        var issues = new List<InputIssue>();
        var failedItems = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var result = RunInputValidator.Validate(workflow.InputFields, RunInput.FromJson(items[i]));
            if (result.IsValid)
            {
                inputs.Add(result.Input ?? new JsonObject());
                continue;
            }

            failedItems++;
            issues.AddRange(result.Problems
                .Take(Math.Max(0, MaxReportedBatchProblems - issues.Count))
                .Select(p => new InputIssue(i, p.FieldId, p.Code, p.Message, $"$.items[{i}]" + p.Path.TrimStart('$'))));
        }

        if (failedItems == 0)
        {
            return inputs;
        }

        var message = $"{failedItems} of {items.Count} item(s) have invalid input; nothing was started. The first {issues.Count} problem(s) are listed.";
        return new Failure(FailureKind.InvalidInput, message) { InputIssues = issues };
    }
}
