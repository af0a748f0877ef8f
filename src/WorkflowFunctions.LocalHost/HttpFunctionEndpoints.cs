using System.ComponentModel;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace WorkflowFunctions.LocalHost;

/// <summary>
/// Maps each <c>[HttpTrigger]</c> function to <c>/api/{Route}</c> with its declared methods. Functions route
/// templates are ASP.NET Core route templates, so constraints such as <c>{id:guid}</c> apply as they do in Azure.
/// Supported parameters: the trigger's <see cref="HttpRequest"/>, route values by name (string or any type with a
/// string converter: int, long, Guid, bool, ...), <c>[DurableClient] DurableTaskClient</c>, and
/// <see cref="CancellationToken"/> (the request's). Results: <see cref="IActionResult"/> or <see cref="IResult"/>,
/// optionally in a <see cref="Task{TResult}"/> or <see cref="ValueTask{TResult}"/>. Anything else fails
/// <see cref="Prepare"/>, i.e. at startup, naming the function.
/// </summary>
public sealed class HttpFunctionEndpoints
{
    /// <summary>The route prefix of host.json (<c>extensions.http.routePrefix</c>).</summary>
    public const string RoutePrefix = "api";

    private readonly IReadOnlyList<(FunctionDescriptor Function, string Template, Func<HttpContext, object?>[] Binders)> _endpoints;

    private HttpFunctionEndpoints(IReadOnlyList<(FunctionDescriptor, string, Func<HttpContext, object?>[])> endpoints) => _endpoints = endpoints;

    /// <summary>The HTTP routes (without the <c>api/</c> prefix) with their upper-case methods.</summary>
    public IReadOnlyList<(string Route, IReadOnlyList<string> Methods)> Routes =>
        _endpoints.Select(e => (e.Function.Route!, e.Function.HttpMethods)).ToList();

    /// <summary>Binds every HTTP function's parameters and checks its result type; throws <see cref="NotSupportedException"/> otherwise.</summary>
    public static HttpFunctionEndpoints Prepare(IEnumerable<FunctionDescriptor> functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        var endpoints = new List<(FunctionDescriptor, string, Func<HttpContext, object?>[])>();
        foreach (var function in functions.Where(f => f.Kind == FunctionKind.Http))
        {
            CheckResultType(function);
            var template = "/" + RoutePrefix + "/" + function.Route!.TrimStart('/');
            var routeValues = RoutePatternFactory.Parse(template).Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            endpoints.Add((function, template, function.Method.GetParameters().Select(p => Binder(function, p, routeValues)).ToArray()));
        }

        return new HttpFunctionEndpoints(endpoints);
    }

    /// <summary>Maps the functions; each request creates the function's class from the request's DI scope.</summary>
    public void MapTo(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var (function, template, binders) in _endpoints)
        {
            var invoker = FunctionInvoker.For(function.Method);
            endpoints.MapMethods(template, function.HttpMethods, async context =>
            {
                var arguments = binders.Select(b => b(context)).ToArray();
                var result = await invoker.InvokeAsync(context.RequestServices, arguments);
                await WriteAsync(context, result);
            }).WithDisplayName(function.Name);
        }
    }

    private static Func<HttpContext, object?> Binder(FunctionDescriptor function, ParameterInfo parameter, HashSet<string> routeValues)
    {
        if (parameter.ParameterType == typeof(HttpRequest))
        {
            return c => c.Request;
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return c => c.RequestAborted;
        }

        if (parameter.GetCustomAttribute<DurableClientAttribute>() is not null && parameter.ParameterType == typeof(DurableTaskClient))
        {
            return c => c.RequestServices.GetRequiredService<DurableTaskClient>();
        }

        var converter = TypeDescriptor.GetConverter(parameter.ParameterType);
        if (routeValues.Contains(parameter.Name!) && (parameter.ParameterType == typeof(string) || converter.CanConvertFrom(typeof(string))))
        {
            return c => c.Request.RouteValues.TryGetValue(parameter.Name!, out var value) && value is not null
                ? parameter.ParameterType == typeof(string) ? value.ToString() : converter.ConvertFromInvariantString(value.ToString()!)
                : null;
        }

        throw new NotSupportedException(
            $"HTTP function '{function.Name}' ({function.Method.DeclaringType?.Name}.{function.Method.Name}): "
            + $"the LocalHost cannot bind parameter '{parameter.Name}' of type {parameter.ParameterType.Name}; "
            + "supported: HttpRequest, route values by name, [DurableClient] DurableTaskClient, CancellationToken.");
    }

    private static void CheckResultType(FunctionDescriptor function)
    {
        var type = function.Method.ReturnType;
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            type = type.GetGenericArguments()[0];
        }

        if (!typeof(IActionResult).IsAssignableFrom(type) && !typeof(IResult).IsAssignableFrom(type))
        {
            throw new NotSupportedException(
                $"HTTP function '{function.Name}' ({function.Method.DeclaringType?.Name}.{function.Method.Name}) returns {function.Method.ReturnType.Name}; "
                + "the LocalHost serves IActionResult or IResult, optionally in a Task or ValueTask.");
        }
    }

    private static async Task WriteAsync(HttpContext context, object? result)
    {
        switch (result)
        {
            case IActionResult action:
                await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                break;
            case IResult httpResult:
                await httpResult.ExecuteAsync(context);
                break;
            default:
                // A function declared to return a result returned null: nothing to write.
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
        }
    }
}
