using System.Reflection;
using Microsoft.DurableTask.Client;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Storage.Batches;
using WorkflowFunctions.Storage.Runs;

namespace WorkflowFunctions.Tests.Architecture;

/// <summary>
/// The layering of the app, checked on its compiled code (signatures and method bodies): the application layer
/// (<c>Runs</c>, <c>Orchestration</c>) knows no ASP.NET; an API dialect reaches runs only through commands and
/// readers; the namespaces depend on each other without cycles.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly App = typeof(RunReader).Assembly;

    [Fact]
    public void RunsAndOrchestration_UseNoAspNetTypes()
    {
        var violations = Violations(
            App,
            ns => ns.StartsWith("WorkflowFunctions.Runs", StringComparison.Ordinal)
                || ns.StartsWith("WorkflowFunctions.Orchestration", StringComparison.Ordinal),
            type => type.Namespace?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true,
            _ => false);

        Assert.Empty(violations);
    }

    [Fact]
    public void Dialects_UseOnlyCommandsAndReaders()
    {
        Assert.Empty(DialectViolations(App, "WorkflowFunctions.Api.Dialects"));
    }

    [Fact]
    public void DialectRule_ADialectThatReadsOrchestrationsItself_IsCaught()
    {
        var violations = DialectViolations(typeof(ArchitectureTests).Assembly, typeof(Samples.ReadsTheEngineItself).Namespace!);

        Assert.Contains(violations, v => v.Contains("GetInstanceAsync", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains(nameof(RunHistory), StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("OrchestrationMetadata", StringComparison.Ordinal));
    }

    [Fact]
    public void Namespaces_DependOnEachOtherWithoutCycles()
    {
        var edges = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in App.GetTypes().Where(t => !t.IsNested && Group(t) is not null))
        {
            var from = Group(type)!;
            var targets = edges.TryGetValue(from, out var existing) ? existing : edges[from] = new HashSet<string>(StringComparer.Ordinal);
            foreach (var used in TypeReferences.Of(type).Types.Select(Group).OfType<string>().Where(g => g != from))
            {
                targets.Add(used);
            }
        }

        Assert.Empty(Cycles(edges));
    }

    [Fact]
    public void CycleCheck_TwoGroupsUsingEachOther_IsFound()
    {
        var edges = new Dictionary<string, HashSet<string>> { ["Runs"] = ["Orchestration"], ["Orchestration"] = ["Nodes"], ["Nodes"] = ["Runs"] };

        Assert.Contains("Runs -> Orchestration -> Nodes -> Runs", Cycles(edges));
    }

    /// <summary>
    /// The namespace group a type belongs to: the first segment below <c>WorkflowFunctions</c>, two for <c>Api</c> (each
    /// API is its own group). The root namespace is the composition root and the shared log messages: it is left out.
    /// </summary>
    private static string? Group(Type type)
    {
        if (type.Namespace is not { } ns
            || !ns.StartsWith("WorkflowFunctions.", StringComparison.Ordinal)
            || ns.StartsWith("WorkflowFunctions.Engine", StringComparison.Ordinal)
            || ns.StartsWith("WorkflowFunctions.Storage", StringComparison.Ordinal)
            || type.Assembly != App)
        {
            return null;
        }

        var parts = ns.Split('.');
        return parts[1] == "Api" && parts.Length > 2 ? string.Join('.', parts[1..Math.Min(parts.Length, parts[2] == "Dialects" ? 4 : 3)]) : parts[1];
    }

    private static List<string> Cycles(Dictionary<string, HashSet<string>> edges)
    {
        var cycles = new List<string>();
        foreach (var start in edges.Keys)
        {
            var path = new Stack<string>();
            Walk(start, start, path, [], edges, cycles);
        }

        return cycles.Distinct().ToList();
    }

    private static void Walk(string start, string at, Stack<string> path, HashSet<string> seen, Dictionary<string, HashSet<string>> edges, List<string> cycles)
    {
        path.Push(at);
        foreach (var next in edges.GetValueOrDefault(at) ?? [])
        {
            if (next == start)
            {
                cycles.Add(string.Join(" -> ", path.Reverse().Append(start)));
            }
            else if (seen.Add(next))
            {
                Walk(start, next, path, seen, edges, cycles);
            }
        }

        path.Pop();
    }

    private static List<string> DialectViolations(Assembly assembly, string dialectNamespace) =>
        Violations(
            assembly,
            ns => ns.StartsWith(dialectNamespace, StringComparison.Ordinal),
            type => type == typeof(OrchestrationMetadata) || type == typeof(RunHistory) || type == typeof(BatchItems)
                || type.Namespace is "WorkflowFunctions.Engine.Scheduling" or "WorkflowFunctions.Engine.Templates" or "WorkflowFunctions.Engine.Evaluation"
                    or "WorkflowFunctions.Engine.Conditions",
            member => member.DeclaringType is { } declaring && typeof(DurableTaskClient).IsAssignableFrom(declaring) && member is MethodInfo);

    private static List<string> Violations(
        Assembly assembly, Func<string, bool> inScope, Func<Type, bool> forbiddenType, Func<MemberInfo, bool> forbiddenMember)
    {
        var violations = new List<string>();
        foreach (var type in assembly.GetTypes().Where(t => !t.IsNested && t.Namespace is { } ns && inScope(ns)))
        {
            var (types, members) = TypeReferences.Of(type);
            violations.AddRange(types.Where(forbiddenType).Select(t => $"{type.FullName} uses {t.FullName}"));
            violations.AddRange(members.Where(forbiddenMember).Select(m => $"{type.FullName} calls {m.DeclaringType?.Name}.{m.Name}"));
        }

        return violations;
    }
}
