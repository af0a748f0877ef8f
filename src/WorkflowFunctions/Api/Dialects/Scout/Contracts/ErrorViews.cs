namespace WorkflowFunctions.Api.Dialects.Scout.Contracts;

/// <summary>FastAPI's error body for everything but a request it could not accept: <c>{"detail": "..."}</c>.</summary>
public sealed record DetailView(string Detail);

/// <summary>FastAPI's 422: every problem of the request.</summary>
public sealed record ValidationErrorView(IReadOnlyList<ProblemView> Detail);

/// <summary>One problem: where (<c>["body", "workflow_config"]</c>), what, and its kind (<c>missing</c>, <c>dict_type</c>, a finding's code).</summary>
public sealed record ProblemView(IReadOnlyList<object> Loc, string Msg, string Type);
