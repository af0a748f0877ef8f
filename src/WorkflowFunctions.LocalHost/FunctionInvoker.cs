using System.Reflection;

namespace WorkflowFunctions.LocalHost;

/// <summary>
/// Invokes one <c>[Function]</c> method: creates its class through DI (as the Functions worker does, once per
/// invocation) and awaits its result. Everything reflection can work out ahead (the class factory, how to unwrap
/// the declared return type) is prepared once per function, not per call: reading a task's <c>Result</c> through
/// reflection on every call emitted and JIT-compiled a new dynamic stub each time, and that steady stream of new
/// code kept the runtime from ever promoting the host's hot paths to optimized code.
/// Awaits keep the caller's synchronization context: an orchestrator's continuation must run inside the
/// orchestration's episode, or the worker never sees the orchestrator finish.
/// </summary>
internal sealed class FunctionInvoker
{
    private static readonly MethodInfo FromTaskMethod = typeof(FunctionInvoker).GetMethod(nameof(FromTask), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo FromValueTaskMethod =
        typeof(FunctionInvoker).GetMethod(nameof(FromValueTask), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly MethodInfo _method;
    private readonly ObjectFactory? _factory;
    private readonly Func<object?, Task<object?>> _unwrap;

    private FunctionInvoker(MethodInfo method)
    {
        _method = method;
        _factory = method.IsStatic ? null : ActivatorUtilities.CreateFactory(method.DeclaringType!, Type.EmptyTypes);
        _unwrap = Unwrapper(method.ReturnType);
    }

    /// <summary>Prepares the invoker of <paramref name="method"/>.</summary>
    public static FunctionInvoker For(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return new FunctionInvoker(method);
    }

    /// <summary>Calls the function with <paramref name="arguments"/>; its class comes from <paramref name="services"/>.</summary>
    public Task<object?> InvokeAsync(IServiceProvider services, object?[] arguments)
    {
        var target = _factory?.Invoke(services, null);
        object? returned;
        try
        {
            returned = _method.Invoke(target, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }

        return _unwrap(returned);
    }

    /// <summary>Invokes a durable function in its own DI scope, as the Functions worker scopes every invocation.</summary>
    public async Task<object?> InvokeScopedAsync(IServiceProvider services, Func<IServiceProvider, object?[]> arguments)
    {
        await using var scope = services.CreateAsyncScope();
        return await InvokeAsync(scope.ServiceProvider, arguments(scope.ServiceProvider));
    }

    /// <summary>How to turn what the method returns into its result, from its declared return type.</summary>
    private static Func<object?, Task<object?>> Unwrapper(Type returnType)
    {
        if (returnType == typeof(void))
        {
            return _ => Task.FromResult<object?>(null);
        }

        if (returnType == typeof(Task))
        {
            return async returned =>
            {
                await (Task)returned!;
                return null;
            };
        }

        if (returnType == typeof(ValueTask))
        {
            return async returned =>
            {
                await (ValueTask)returned!;
                return null;
            };
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return FromTaskMethod.MakeGenericMethod(returnType.GetGenericArguments()[0]).CreateDelegate<Func<object?, Task<object?>>>();
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            return FromValueTaskMethod.MakeGenericMethod(returnType.GetGenericArguments()[0]).CreateDelegate<Func<object?, Task<object?>>>();
        }

        return Task.FromResult;
    }

    private static async Task<object?> FromTask<T>(object? returned) => await (Task<T>)returned!;

    private static async Task<object?> FromValueTask<T>(object? returned) => await (ValueTask<T>)returned!;
}
