using System.Text.Json.Nodes;

namespace WorkflowFunctions.Serialization;

/// <summary>JSON trees shared between threads.</summary>
internal static class JsonTrees
{
    /// <summary>
    /// Builds every child of <paramref name="node"/> now: <c>JsonObject</c> and <c>JsonArray</c> build their children
    /// lazily on first read, which is not thread-safe, so a tree read by several threads is materialized before it is
    /// shared, and only read after.
    /// </summary>
    public static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    Materialize(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Materialize(item);
                }

                break;
        }
    }
}
