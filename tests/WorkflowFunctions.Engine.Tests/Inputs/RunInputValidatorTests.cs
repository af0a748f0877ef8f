using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Inputs;
using WorkflowFunctions.Engine.Tests.Fixtures;
using WorkflowFunctions.Engine.Validation;

namespace WorkflowFunctions.Engine.Tests.Inputs;

public class RunInputValidatorTests
{
    private static IReadOnlyList<InputField> Fields(string json) =>
        InputFields.FromDefinition(WorkflowDefinition.Parse($$$"""{"start_node":"t","nodes":[{"id":"t","type":"trigger-node","data":{"input_fields":{{{json}}}}}]}"""));

    private static InputValidationResult Validate(string fields, string input) => RunInputValidator.Validate(Fields(fields), JsonNode.Parse(input));

    [Fact]
    public void FromDefinition_Reference003_ReadsCategoryAsRequiredText()
    {
        var field = Assert.Single(InputFields.FromDefinition(WorkflowDefinition.Parse(FixtureFiles.Reference003Data())));

        Assert.Equal(("category", "Category", InputFieldType.Text, true), (field.Id, field.Title, field.Type, field.Required));
        Assert.Empty(field.Options);
    }

    [Fact]
    public void Validate_MissingRequired_ReportsFieldId()
    {
        var result = Validate("""[{"id":"category","type":"text","input_requirements":true}]""", "{}");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("category", FindingCodes.InputRequired, "$.category"), (problem.FieldId, problem.Code, problem.Path));
    }

    [Fact]
    public void Validate_EmptyStringForRequiredText_IsMissing()
    {
        Assert.Equal(FindingCodes.InputRequired, Assert.Single(Validate("""[{"id":"q","type":"text","input_requirements":true}]""", """{"q":""}""").Problems).Code);
    }

    [Fact]
    public void Validate_DefaultsApplied_ExtraFieldsKept()
    {
        var result = Validate("""[{"id":"n","type":"number","default_value":5},{"id":"b","type":"boolean","default_value":true}]""", """{"extra":{"deep":[1]}}""");

        Assert.True(result.IsValid);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"extra":{"deep":[1]},"n":5,"b":true}"""), result.Input));
    }

    [Fact]
    public void Validate_CoercesNumericAndBooleanStrings()
    {
        var result = Validate("""[{"id":"n","type":"number"},{"id":"b","type":"boolean"},{"id":"t","type":"text"}]""", """{"n":"2.5","b":"false","t":7}""");

        Assert.True(result.IsValid);
        Assert.Equal(2.5m, result.Input!["n"]!.GetValue<decimal>());
        Assert.False(result.Input["b"]!.GetValue<bool>());
        Assert.Equal("7", result.Input["t"]!.GetValue<string>());
    }

    [Fact]
    public void Validate_EveryProblemReportedAtOnce()
    {
        var result = Validate(
            """[{"id":"n","type":"number"},{"id":"b","type":"boolean"},{"id":"s","type":"select","options":["x",{"value":"y","label":"Why"}]},{"id":"r","type":"text","input_requirements":true},{"id":"t","type":"text"}]""",
            """{"n":"1,5","b":"yes","s":"z","t":{"no":"object"}}""");

        Assert.Equal(
            [("n", FindingCodes.InputWrongType), ("b", FindingCodes.InputWrongType), ("s", FindingCodes.InputNotInOptions), ("r", FindingCodes.InputRequired), ("t", FindingCodes.InputWrongType)],
            result.Problems.Select(p => (p.FieldId, p.Code)));
    }

    [Fact]
    public void Validate_SelectAcceptsObjectOptionValues()
    {
        Assert.True(Validate("""[{"id":"s","type":"select","options":[{"value":"y","label":"Why"}]}]""", """{"s":"y"}""").IsValid);
    }

    [Fact]
    public void Validate_JsonFieldAcceptsAnyValue()
    {
        var result = Validate("""[{"id":"j","type":"json","input_requirements":true}]""", """{"j":[{"a":null}]}""");

        Assert.True(result.IsValid);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"a":null}]"""), result.Input!["j"]));
    }

    [Fact]
    public void Validate_ArrayInputWithoutRequiredFields_IsAcceptedAsIs()
    {
        var result = Validate("""[{"id":"q","type":"text"}]""", "[1,2,3]");

        Assert.True(result.IsValid);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("[1,2,3]"), result.Input));
    }

    [Fact]
    public void Validate_ArrayInputWithRequiredField_IsNotObject()
    {
        Assert.Equal(FindingCodes.InputNotObject, Assert.Single(Validate("""[{"id":"q","type":"text","input_requirements":true}]""", "[1]").Problems).Code);
    }

    [Fact]
    public void FromText_WrapsAsRawInput()
    {
        Assert.Equal("""{"__raw_input__":"hello\nworld"}""", RunInput.FromText("hello\nworld").ToJsonString());
    }

    [Fact]
    public void InputSchema_DerivesDraft2020Schema()
    {
        var schema = InputSchema.Derive(Fields("""
            [{"id":"q","title":"Question","type":"text","input_requirements":true,"tooltip":"Ask"},
             {"id":"n","type":"number","default_value":3},
             {"id":"s","type":"select","options":["a","b"]},
             {"id":"b","type":"boolean"},{"id":"j","type":"json"}]
            """));

        var expected = JsonNode.Parse("""
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{
              "q":{"title":"Question","description":"Ask","type":"string"},
              "n":{"title":"n","type":"number","default":3},
              "s":{"title":"s","type":"string","enum":["a","b"]},
              "b":{"title":"b","type":"boolean"},
              "j":{"title":"j"}},
             "additionalProperties":true,"required":["q"]}
            """);
        Assert.True(JsonNode.DeepEquals(expected, schema), schema.ToJsonString());
    }
}
