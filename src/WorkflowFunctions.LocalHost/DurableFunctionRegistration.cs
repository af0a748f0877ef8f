using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace WorkflowFunctions.LocalHost;

/// <summary>
/// Registers every <c>[OrchestrationTrigger]</c> and <c>[ActivityTrigger]</c> function with the Durable Task
/// worker under its function name. Orchestrators receive their <see cref="TaskOrchestrationContext"/> (they read
/// their input with <c>GetInput</c>, as in Functions); an activity's input arrives as JSON text and is deserialized
/// once, into its trigger parameter's type, a <c>[DurableClient] DurableTaskClient</c> parameter gets the host's client
/// (as the Functions binding gives any function one), and a <see cref="CancellationToken"/> parameter gets the host's
/// stopping token.
/// Parameters are checked by <see cref="Prepare"/>, before the host starts, so an unsupported one fails at startup
/// with the function's name instead of on its first invocation.
/// </summary>
public sealed class DurableFunctionRegistration
{
    private readonly IReadOnlyList<Action<DurableTaskRegistry, IServiceProvider>> _registrations;

    private DurableFunctionRegistration(IReadOnlyList<string> names, IReadOnlyList<Action<DurableTaskRegistry, IServiceProvider>> registrations)
    {
        Names = names;
        _registrations = registrations;
    }

    /// <summary>The orchestrator and activity function names, in catalog order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Binds every durable function's parameters; throws <see cref="NotSupportedException"/> for one it cannot bind.</summary>
    public static DurableFunctionRegistration Prepare(IEnumerable<FunctionDescriptor> functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        var names = new List<string>();
        var registrations = new List<Action<DurableTaskRegistry, IServiceProvider>>();
        foreach (var function in functions)
        {
            switch (function.Kind)
            {
                case FunctionKind.Orchestration:
                    registrations.Add(Orchestrator(function));
                    names.Add(function.Name);
                    break;
                case FunctionKind.Activity:
                    registrations.Add(Activity(function));
                    names.Add(function.Name);
                    break;
            }
        }

        return new DurableFunctionRegistration(names, registrations);
    }

    /// <summary>Adds the functions to the worker's registry; each invocation resolves its class from <paramref name="services"/>.</summary>
    public void AddTo(DurableTaskRegistry registry, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(services);
        foreach (var registration in _registrations)
        {
            registration(registry, services);
        }
    }

    private static Action<DurableTaskRegistry, IServiceProvider> Orchestrator(FunctionDescriptor function)
    {
        var parameters = function.Method.GetParameters();
        if (parameters.Length != 1 || parameters[0].ParameterType != typeof(TaskOrchestrationContext))
        {
            throw new NotSupportedException(
                $"Orchestrator '{function.Name}' ({function.Method.DeclaringType?.Name}.{function.Method.Name}) "
                + "must take only its [OrchestrationTrigger] TaskOrchestrationContext; the LocalHost binds nothing else.");
        }

        var invoker = FunctionInvoker.For(function.Method);
        return (registry, services) => registry.AddOrchestratorFunc<SerializedInput?, object?>(function.Name, (context, input) =>
            invoker.InvokeScopedAsync(services, scoped =>
                [new FunctionsOrchestrationContext(context, input, scoped.GetRequiredService<ILoggerFactory>())]));
    }

    private static Action<DurableTaskRegistry, IServiceProvider> Activity(FunctionDescriptor function)
    {
        var binders = function.Method.GetParameters().Select(p => ActivityBinder(function, p)).ToArray();
        var invoker = FunctionInvoker.For(function.Method);
        return (registry, services) => registry.AddActivityFunc<SerializedInput?, object?>(function.Name, (_, input) =>
            invoker.InvokeScopedAsync(services, scoped => binders.Select(b => b(input, scoped)).ToArray()));
    }

    private static Func<SerializedInput?, IServiceProvider, object?> ActivityBinder(FunctionDescriptor function, ParameterInfo parameter)
    {
        if (parameter.Position == function.TriggerParameter.Position)
        {
            return (input, _) => Convert(input, parameter.ParameterType);
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            // Functions cancels an invocation's token when the host shuts down; so does the LocalHost.
            return (_, services) => services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        }

        if (parameter.GetCustomAttribute<DurableClientAttribute>() is not null && parameter.ParameterType == typeof(DurableTaskClient))
        {
            return (_, services) => services.GetRequiredService<DurableTaskClient>();
        }

        throw new NotSupportedException(
            $"Activity '{function.Name}' ({function.Method.DeclaringType?.Name}.{function.Method.Name}): "
            + $"the LocalHost cannot bind parameter '{parameter.Name}' of type {parameter.ParameterType.Name}; "
            + "supported: the [ActivityTrigger] input, [DurableClient] DurableTaskClient and a CancellationToken.");
    }

    private static object? Convert(SerializedInput? input, Type type) => input?.Deserialize(type);
}
