using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Inputs;
using WorkflowFunctions.Engine.Tests.Fixtures;

namespace WorkflowFunctions.Engine.Tests.Inputs;

public class InputFieldsTests
{
    private static IReadOnlyList<InputField> Fields(string json) =>
        InputFields.FromDefinition(WorkflowDefinition.Parse(
            $$$"""{"start_node":"t","nodes":[{"id":"t","type":"trigger-node","data":{"input_fields":{{{json}}}}}]}"""));

    [Fact]
    public void FromDefinition_Reference003_ReadsCategoryAsRequiredTextWithoutDefault()
    {
        var field = Assert.Single(InputFields.FromDefinition(WorkflowDefinition.Parse(FixtureFiles.Reference003Data())));

        Assert.Equal(
            ("category", "Category", InputFieldType.Text, true, (object?)null),
            (field.Id, field.Title, field.Type, field.Required, (object?)field.DefaultValue));
    }

    [Fact]
    public void FromDefinition_EmptyDefaultValue_IsNoDefaultForText()
    {
        Assert.Null(Assert.Single(Fields("""[{"id":"q","type":"text","default_value":""}]""")).DefaultValue);
    }

    [Fact]
    public void FromDefinition_SelectOptionObjects_ReadTheirValues()
    {
        // Reference 003 writes options as {title, value, is_default}.
        var field = Assert.Single(Fields(
            """[{"id":"language","type":"select","options":[{"title":"English","value":"en"},"ru",{"label":"Deutsch","value":"de"}]}]"""));

        Assert.Equal(["en", "ru", "de"], field.Options);
    }

    [Fact]
    public void FromDefinition_SelectWithoutDefaultValue_UsesIsDefaultOption()
    {
        var field = Assert.Single(Fields(
            """[{"id":"language","type":"select","default_value":"","options":["""
                + """{"title":"English","value":"en","is_default":false},{"title":"Russian","value":"ru","is_default":true}]}]"""));

        Assert.Equal("ru", field.DefaultValue!.GetValue<string>());
    }

    [Fact]
    public void FromDefinition_UnusableFields_AreLeftOut()
    {
        var fields = Fields("""[{"type":"text"},{"id":"a","type":"date"},{"id":"b","type":"number"},{"id":"b","type":"text"},"x"]""");

        Assert.Equal([("b", InputFieldType.Number)], fields.Select(f => (f.Id, f.Type)));
    }
}
