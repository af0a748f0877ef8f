using System.Text.Json;
using Microsoft.DurableTask;

namespace WorkflowFunctions.LocalHost;

/// <summary>
/// Registers every <c>[OrchestrationTrigger]</c> and <c>[ActivityTrigger]</c> function with the Durable Task
/// worker under its function name. Orchestrators receive their <see cref="TaskOrchestrationContext"/> (they read
/// their input with <c>GetInput</c>, as in Functions); an activity's input arrives as JSON and is converted to
/// its trigger parameter's type.
/// </summary>
public static class DurableFunctionRegistration
{
    public static void Register(DurableTaskRegistry registry, IEnumerable<FunctionDescriptor> functions, IServiceProvider services, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(functions);
        foreach (var function in functions)
        {
            switch (function.Kind)
            {
                case FunctionKind.Orchestration:
                    RegisterOrchestrator(registry, function, services);
                    break;
                case FunctionKind.Activity:
                    RegisterActivity(registry, function, services, stopping);
                    break;
            }
        }
    }

    private static void RegisterOrchestrator(DurableTaskRegistry registry, FunctionDescriptor function, IServiceProvider services)
    {
        var parameters = function.Method.GetParameters();
        if (parameters.Length != 1 || parameters[0].ParameterType != typeof(TaskOrchestrationContext))
        {
            throw new NotSupportedException($"Orchestrator '{function.Name}' must take only its TaskOrchestrationContext.");
        }

        registry.AddOrchestratorFunc<JsonElement?, object?>(function.Name, (context, input) =>
            FunctionInvoker.InvokeAsync(services, function.Method, [new FunctionsOrchestrationContext(context, input, services.GetRequiredService<ILoggerFactory>())]));
    }

    private static void RegisterActivity(DurableTaskRegistry registry, FunctionDescriptor function, IServiceProvider services, CancellationToken stopping)
    {
        var parameters = function.Method.GetParameters();
        registry.AddActivityFunc<JsonElement?, object?>(function.Name, (_, input) =>
        {
            var arguments = parameters.Select(p => p == function.TriggerParameter || p.Position == function.TriggerParameter.Position
                ? Convert(input, p.ParameterType)
                : p.ParameterType == typeof(CancellationToken)
                    ? stopping
                    : throw new NotSupportedException($"Activity '{function.Name}': cannot bind parameter '{p.Name}'.")).ToArray();
            return FunctionInvoker.InvokeAsync(services, function.Method, arguments);
        });
    }

    private static object? Convert(JsonElement? input, Type type) =>
        input is not { } json || json.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : json.Deserialize(type);
}
