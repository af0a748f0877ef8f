using System.Text.Json.Nodes;

namespace WorkflowFunctions.LocalHost.Tests.ScriptSo;

/// <summary>The workflows the Script.so tests save.</summary>
internal static class ScriptSoGraphs
{
    /// <summary>The document's "Send welcome email": <c>email</c> required, <c>name</c> optional; outputs the greeting it would send.</summary>
    public static JsonNode WelcomeEmail() => JsonNode.Parse("""
        {"start_node": "t", "nodes": [
          {"id": "t", "type": "trigger-node", "data": {"input_fields": [
            {"id": "email", "title": "Email", "type": "text", "input_requirements": true},
            {"id": "name", "title": "Name", "type": "text"}]}},
          {"id": "o", "type": "output-node", "data": {"output": "Welcome {{ input.name }} <{{ input.email }}>"}}
        ], "edges": [{"source": "t", "target": "o"}]}
        """)!;

    /// <summary>Waits at approval node <c>gate</c> until it is decided or the run is cancelled.</summary>
    public static JsonNode Approval() => JsonNode.Parse("""
        {"start_node": "t", "nodes": [
          {"id": "t", "type": "trigger-node", "data": {}},
          {"id": "gate", "type": "approval-node", "data": {"instructions": "check it"}},
          {"id": "o", "type": "output-node", "data": {"output": "approved"}}
        ], "edges": [{"source": "t", "target": "gate"}, {"source": "gate", "target": "o"}]}
        """)!;
}
