using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace WorkflowFunctions.LocalHost;

/// <summary>
/// Reads the app's <c>[Function]</c> methods and their triggers by reflection: the same declarations the
/// Functions SDK turns into <c>functions.metadata</c>, so the LocalHost serves exactly what Azure serves.
/// </summary>
public static class FunctionCatalog
{
    /// <summary>Every <c>[Function]</c> method in the assemblies (the LocalHost passes the app's).</summary>
    public static IReadOnlyList<FunctionDescriptor> Read(IEnumerable<Assembly> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        return Read(assemblies.SelectMany(a => a.GetTypes()));
    }

    /// <summary>Every <c>[Function]</c> method of the given types: lets a test host a chosen set of functions.</summary>
    public static IReadOnlyList<FunctionDescriptor> Read(IEnumerable<Type> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var functions = new List<FunctionDescriptor>();
        foreach (var type in types.Distinct().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
                {
                    continue;
                }

                functions.Add(Describe(method, function.Name));
            }
        }

        var duplicate = functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? functions
            : throw new InvalidOperationException($"Function name '{duplicate.Key}' is declared more than once.");
    }

    /// <summary>Describes one <c>[Function]</c> method; throws <see cref="NotSupportedException"/> for a trigger the LocalHost does not run.</summary>
    public static FunctionDescriptor Describe(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var function = method.GetCustomAttribute<FunctionAttribute>()
            ?? throw new ArgumentException($"{method.DeclaringType?.Name}.{method.Name} has no [Function] attribute.", nameof(method));
        return Describe(method, function.Name);
    }

    private static FunctionDescriptor Describe(MethodInfo method, string name)
    {
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is { } http)
            {
                var methods = (http.Methods ?? ["get", "post", "put", "patch", "delete", "head", "options"]).Select(m => m.ToUpperInvariant()).ToList();
                return new FunctionDescriptor(name, FunctionKind.Http, method, http.Route ?? name, methods, parameter);
            }

            if (parameter.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null)
            {
                return new FunctionDescriptor(name, FunctionKind.Orchestration, method, null, [], parameter);
            }

            if (parameter.GetCustomAttribute<ActivityTriggerAttribute>() is not null)
            {
                return new FunctionDescriptor(name, FunctionKind.Activity, method, null, [], parameter);
            }
        }

        throw new NotSupportedException(
            $"Function '{name}' ({method.DeclaringType?.Name}.{method.Name}) has a trigger the LocalHost does not run; "
            + "supported: HttpTrigger, OrchestrationTrigger, ActivityTrigger.");
    }
}
