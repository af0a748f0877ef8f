using System.Reflection;
using Microsoft.Extensions.Logging;

namespace WorkflowFunctions.Tests.Architecture;

/// <summary>An event ID names one message, so logs can be filtered and alerted on by it.</summary>
public sealed class LogEventIdTests
{
    [Fact]
    public void AppLogMessages_EachEventIdNamesOneMessage()
    {
        var messages = typeof(ServiceCollectionExtensions).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Select(method => (method, message: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(pair => pair.message is not null)
            .ToList();

        var shared = messages
            .GroupBy(pair => pair.message!.EventId)
            .Where(group => group.Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group.Select(pair => pair.method.DeclaringType!.Name + "." + pair.method.Name))}")
            .ToList();

        Assert.NotEmpty(messages);
        Assert.True(shared.Count == 0, "Event IDs used by more than one message: " + string.Join("; ", shared));
    }
}
