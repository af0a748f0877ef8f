using System.Globalization;
using System.Text.Json.Nodes;

namespace WorkflowFunctions.Benchmarks;

/// <summary>
/// A deterministic 1,000-node workflow: a trigger, then 99 layers of 10 nodes where every layer's first node
/// is an if-else whose branches lead into the next layer, cross links between neighbours, LLM nodes whose
/// messages reference upstream results, and an output node.
/// </summary>
internal static class LargeGraph
{
    public const int Width = 10;
    public const int Layers = 99;

    public static JsonObject Build()
    {
        var nodes = new JsonArray();
        var edges = new JsonArray();
        string Id(int layer, int column) => string.Create(CultureInfo.InvariantCulture, $"n-{layer}-{column}");
        void Edge(string source, string target, string? handle = null)
        {
            var edge = new JsonObject { ["id"] = $"e{edges.Count}", ["source"] = source, ["target"] = target };
            if (handle is not null)
            {
                edge["sourceHandle"] = handle;
            }

            edges.Add(edge);
        }

        nodes.Add(new JsonObject
        {
            ["id"] = "trigger",
            ["type"] = "trigger-node",
            ["data"] = new JsonObject { ["input_fields"] = new JsonArray(new JsonObject { ["id"] = "topic", ["type"] = "text" }) },
        });
        for (var layer = 0; layer < Layers; layer++)
        {
            for (var column = 0; column < Width; column++)
            {
                var id = Id(layer, column);
                if (column == 0)
                {
                    nodes.Add(new JsonObject
                    {
                        ["id"] = id,
                        ["type"] = "if-else-node",
                        ["data"] = new JsonObject
                        {
                            ["condition"] = new JsonObject { ["left"] = "{{ input.topic }}", ["operator"] = "contains", ["right"] = "a" },
                        },
                    });
                }
                else
                {
                    var upstream = layer == 0 ? "input.topic" : Id(layer - 1, column) + ".result.content";
                    nodes.Add(new JsonObject
                    {
                        ["id"] = id,
                        ["type"] = "basic-node",
                        ["data"] = new JsonObject
                        {
                            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["message"] = $"Summarise {{{{ {upstream} }}}}" }),
                        },
                    });
                }

                if (layer == 0)
                {
                    Edge("trigger", id);
                }
                else if (column == 0)
                {
                    Edge(Id(layer - 1, 0), id, "condition-true");
                }
                else if (column == 1)
                {
                    Edge(Id(layer - 1, 0), id, "condition-false");
                    Edge(Id(layer - 1, 1), id);
                }
                else
                {
                    Edge(Id(layer - 1, column), id);
                    Edge(Id(layer - 1, column - 1), id);
                }
            }
        }

        nodes.Add(new JsonObject { ["id"] = "out", ["type"] = "output-node", ["data"] = new JsonObject() });
        for (var column = 1; column < Width; column++)
        {
            Edge(Id(Layers - 1, column), "out");
        }

        Edge(Id(Layers - 1, 0), "out", "condition-true");
        Edge(Id(Layers - 1, 0), "out", "condition-false");
        return new JsonObject { ["start_node"] = "trigger", ["nodes"] = nodes, ["edges"] = edges };
    }
}
