using System.Reflection;

namespace WorkflowFunctions.LocalHost;

/// <summary>
/// Creates a function's class through DI (as the Functions worker does, once per invocation) and awaits its result.
/// Awaits keep the caller's synchronization context: an orchestrator's continuation must run inside the
/// orchestration's episode, or the worker never sees the orchestrator finish.
/// </summary>
internal static class FunctionInvoker
{
    public static async Task<object?> InvokeAsync(IServiceProvider services, MethodInfo method, object?[] arguments)
    {
        var target = method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
        object? returned;
        try
        {
            returned = method.Invoke(target, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }

        if (returned is not null && returned.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            // ValueTask<T> is a struct unrelated to Task; its AsTask() gives the Task<T> handled below.
            returned = type.GetMethod(nameof(ValueTask<int>.AsTask))!.Invoke(returned, null);
        }

        switch (returned)
        {
            case Task task:
                await task;
                var taskType = task.GetType();
                return taskType.IsGenericType && taskType.GetProperty("Result") is { } result && result.PropertyType.Name != "VoidTaskResult"
                    ? result.GetValue(task)
                    : null;
            case ValueTask valueTask:
                await valueTask;
                return null;
            default:
                return returned;
        }
    }

    /// <summary>Invokes a durable function in its own DI scope, as the Functions worker scopes every invocation.</summary>
    public static async Task<object?> InvokeScopedAsync(IServiceProvider services, MethodInfo method, Func<IServiceProvider, object?[]> arguments)
    {
        await using var scope = services.CreateAsyncScope();
        return await InvokeAsync(scope.ServiceProvider, method, arguments(scope.ServiceProvider));
    }
}
