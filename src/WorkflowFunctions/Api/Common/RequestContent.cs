using System.Text.Json;

namespace WorkflowFunctions.Api.Common;

/// <summary>A request body as read: its JSON, or its text when it was sent as <c>text/plain</c>; both null when it was empty.</summary>
public sealed record RequestContent(JsonElement? Json, string? Text);
