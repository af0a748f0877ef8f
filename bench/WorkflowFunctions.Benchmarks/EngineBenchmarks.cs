using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Scheduling;
using WorkflowFunctions.Engine.Templates;
using WorkflowFunctions.Engine.Validation;

namespace WorkflowFunctions.Benchmarks;

/// <summary>The engine's hot paths: rendering a template, and validating + scheduling a large graph end to end.</summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private Template _template = null!;
    private TemplateScope _scope = null!;
    private JsonObject _graph = null!;

    [GlobalSetup]
    public void Setup()
    {
        var text = new StringBuilder("Report:");
        var input = new JsonObject();
        var nodes = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        for (var i = 0; i < 20; i++)
        {
            if (i % 2 == 0)
            {
                input[string.Create(CultureInfo.InvariantCulture, $"field{i}")] = string.Create(CultureInfo.InvariantCulture, $"value number {i}");
                text.Append(CultureInfo.InvariantCulture, $" {{{{ input.field{i} }}}},");
            }
            else
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"{i:D8}-0000-4000-8000-000000000000");
                nodes[id] = TemplateScope.NodeRecord(new JsonObject { ["content"] = string.Create(CultureInfo.InvariantCulture, $"node {i} said something") });
                text.Append(CultureInfo.InvariantCulture, $" {{{{ {id}.result.content }}}};");
            }
        }

        _template = Template.Parse(text.ToString());
        _scope = new TemplateScope(input, nodes);
        _graph = LargeGraph.Build();
    }

    /// <summary>Render a parsed template with 20 placeholders (10 input paths, 10 node results).</summary>
    [Benchmark]
    public string RenderTemplate20Placeholders() => _template.Render(_scope);

    /// <summary>Parse, validate, compile and schedule a 1,000-node graph to completion (every if-else takes its true branch).</summary>
    [Benchmark]
    public RunOutcomeKind ValidateAndSchedule1000Nodes()
    {
        var definition = WorkflowDefinition.FromJson(_graph);
        var report = WorkflowValidator.Default.Validate(definition);
        if (report.HasErrors)
        {
            throw new InvalidOperationException(report.Errors[0].Message);
        }

        return InstantRun.ToEnd(ExecutionPlan.Compile(definition), Branch.True);
    }
}
