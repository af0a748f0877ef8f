using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Inputs;
using WorkflowFunctions.Engine.Tests.Fixtures;
using WorkflowFunctions.Engine.Validation;

namespace WorkflowFunctions.Engine.Tests.Inputs;

public class RunInputValidatorTests
{
    private static IReadOnlyList<InputField> Fields(string json) =>
        InputFields.FromDefinition(WorkflowDefinition.Parse(
            $$$"""{"start_node":"t","nodes":[{"id":"t","type":"trigger-node","data":{"input_fields":{{{json}}}}}]}"""));

    private static InputValidationResult Validate(string fields, string input) => RunInputValidator.Validate(Fields(fields), JsonNode.Parse(input));

    /// <summary>The normalized value of the single field <c>f</c> of type <paramref name="type"/> given <paramref name="value"/>.</summary>
    private static string Normalized(string type, string value)
    {
        var result = Validate($$$"""[{"id":"f","type":"{{{type}}}"}]""", $$$"""{"f":{{{value}}}}""");
        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        return result.Input!["f"]!.ToJsonString();
    }

    private static string ProblemCode(string type, string value, string extra = "") =>
        Assert.Single(Validate($$$"""[{"id":"f","type":"{{{type}}}"{{{extra}}}}]""", $$$"""{"f":{{{value}}}}""").Problems).Code;

    [Fact]
    public void Validate_Reference003WithoutCategory_IsRequired()
    {
        var fields = InputFields.FromDefinition(WorkflowDefinition.Parse(FixtureFiles.Reference003Data()));

        var problem = Assert.Single(RunInputValidator.Validate(fields, new JsonObject()).Problems);

        Assert.Equal(("category", FindingCodes.InputRequired, "$.category"), (problem.FieldId, problem.Code, problem.Path));
    }

    [Fact]
    public void Validate_Reference003WithCategory_IsValid()
    {
        var fields = InputFields.FromDefinition(WorkflowDefinition.Parse(FixtureFiles.Reference003Data()));

        Assert.True(RunInputValidator.Validate(fields, JsonNode.Parse("""{"category":"A"}""")).IsValid);
    }

    [Theory]
    [InlineData("\"hello\"", "\"hello\"")]
    [InlineData("7", "\"7\"")]
    [InlineData("1.50", "\"1.50\"")]
    [InlineData("true", "\"true\"")]
    public void Validate_TextField_AcceptsStringsAndScalarsAsText(string value, string expected)
    {
        Assert.Equal(expected, Normalized("text", value));
    }

    [Theory]
    [InlineData("{\"a\":1}")]
    [InlineData("[1]")]
    public void Validate_TextFieldGivenObjectOrArray_IsWrongType(string value)
    {
        Assert.Equal(FindingCodes.InputWrongType, ProblemCode("text", value));
    }

    [Theory]
    [InlineData("3", "3")]
    [InlineData("-2.5e2", "-2.5e2")]
    [InlineData("\"2.5\"", "2.5")]
    [InlineData("\" 10 \"", "10")]
    [InlineData("\"1e3\"", "1000")]
    public void Validate_NumberField_AcceptsNumbersAndInvariantNumericStrings(string value, string expected)
    {
        Assert.Equal(expected, Normalized("number", value));
    }

    [Theory]
    [InlineData("\"1,5\"")]
    [InlineData("\"ten\"")]
    [InlineData("true")]
    [InlineData("[1]")]
    public void Validate_NumberFieldGivenNonNumber_IsWrongType(string value)
    {
        Assert.Equal(FindingCodes.InputWrongType, ProblemCode("number", value));
    }

    [Theory]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("\"true\"", "true")]
    [InlineData("\"false\"", "false")]
    public void Validate_BooleanField_AcceptsBooleansAndTheirStrings(string value, string expected)
    {
        Assert.Equal(expected, Normalized("boolean", value));
    }

    [Theory]
    [InlineData("\"yes\"")]
    [InlineData("1")]
    [InlineData("\"TRUE\"")]
    public void Validate_BooleanFieldGivenOtherValue_IsWrongType(string value)
    {
        Assert.Equal(FindingCodes.InputWrongType, ProblemCode("boolean", value));
    }

    [Theory]
    [InlineData("[{\"a\":null}]")]
    [InlineData("{\"deep\":{\"x\":[1,2]}}")]
    [InlineData("\"\"")]
    [InlineData("0")]
    public void Validate_JsonField_KeepsAnyValue(string value)
    {
        Assert.Equal(value, Normalized("json", value));
    }

    [Fact]
    public void Validate_SelectField_AcceptsAnOption()
    {
        var result = Validate("""[{"id":"s","type":"select","options":["x",{"title":"Why","value":"y"}]}]""", """{"s":"y"}""");

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Validate_SelectFieldGivenNumberMatchingOption_StoresTheOptionText()
    {
        var result = Validate("""[{"id":"s","type":"select","options":["1","2"]}]""", """{"s":2}""");

        Assert.Equal("\"2\"", result.Input!["s"]!.ToJsonString());
    }

    [Fact]
    public void Validate_SelectFieldGivenOtherValue_IsNotInOptions()
    {
        var problem = Assert.Single(Validate("""[{"id":"s","type":"select","options":["x","y"]}]""", """{"s":"z"}""").Problems);

        Assert.Equal(FindingCodes.InputNotInOptions, problem.Code);
        Assert.Contains("x, y", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingRequired_ReportsFieldId()
    {
        var result = Validate("""[{"id":"category","type":"text","input_requirements":true}]""", "{}");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("category", FindingCodes.InputRequired, "$.category"), (problem.FieldId, problem.Code, problem.Path));
    }

    [Theory]
    [InlineData("text", "\"\"")]
    [InlineData("number", "\"\"")]
    [InlineData("select", "\"\"")]
    [InlineData("boolean", "null")]
    public void Validate_RequiredFieldEmptyOrNull_IsRequired(string type, string value)
    {
        Assert.Equal(FindingCodes.InputRequired, ProblemCode(type, value, ""","input_requirements":true,"options":["a"]"""));
    }

    [Fact]
    public void Validate_RequiredJsonFieldGivenEmptyString_IsValid()
    {
        Assert.True(Validate("""[{"id":"j","type":"json","input_requirements":true}]""", """{"j":""}""").IsValid);
    }

    [Fact]
    public void Validate_OptionalFieldAbsent_IsValidAndStaysAbsent()
    {
        var result = Validate("""[{"id":"n","type":"number"}]""", "{}");

        Assert.True(result.IsValid);
        Assert.Equal("{}", result.Input!.ToJsonString());
    }

    [Fact]
    public void Validate_DefaultsApplied_ExtraFieldsKept()
    {
        var result = Validate(
            """[{"id":"n","type":"number","default_value":5},{"id":"b","type":"boolean","default_value":true}]""",
            """{"extra":{"deep":[1]}}""");

        Assert.True(result.IsValid);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"extra":{"deep":[1]},"n":5,"b":true}"""), result.Input));
    }

    [Fact]
    public void Validate_EmptyStringForFieldWithDefault_TakesTheDefault()
    {
        var result = Validate("""[{"id":"n","type":"number","input_requirements":true,"default_value":"5"}]""", """{"n":""}""");

        Assert.True(result.IsValid);
        Assert.Equal("5", result.Input!["n"]!.ToJsonString());
    }

    [Fact]
    public void Validate_SelectWithIsDefaultOption_TakesItWhenAbsent()
    {
        var result = Validate(
            """[{"id":"l","type":"select","default_value":"","options":["""
                + """{"title":"English","value":"en","is_default":true},{"title":"Russian","value":"ru"}]}]""",
            "{}");

        Assert.Equal("\"en\"", result.Input!["l"]!.ToJsonString());
    }

    [Fact]
    public void Validate_NullInputWithFields_IsValidatedAsEmptyObject()
    {
        var result = RunInputValidator.Validate(Fields("""[{"id":"n","type":"number","default_value":1}]"""), null);

        Assert.Equal("""{"n":1}""", result.Input!.ToJsonString());
    }

    [Fact]
    public void Validate_EveryProblemReportedAtOnce()
    {
        var result = Validate(
            """[{"id":"n","type":"number"},{"id":"b","type":"boolean"},{"id":"s","type":"select","options":["x",{"value":"y","label":"Why"}]},"""
                + """{"id":"r","type":"text","input_requirements":true},{"id":"t","type":"text"}]""",
            """{"n":"1,5","b":"yes","s":"z","t":{"no":"object"}}""");

        Assert.Equal(
            [
                ("n", FindingCodes.InputWrongType),
                ("b", FindingCodes.InputWrongType),
                ("s", FindingCodes.InputNotInOptions),
                ("r", FindingCodes.InputRequired),
                ("t", FindingCodes.InputWrongType),
            ],
            result.Problems.Select(p => (p.FieldId, p.Code)));
    }

    [Fact]
    public void Validate_ProblemPaths_NameTheField()
    {
        var result = Validate("""[{"id":"n","type":"number"},{"id":"r","type":"text","input_requirements":true}]""", """{"n":"x"}""");

        Assert.Equal(["$.n", "$.r"], result.Problems.Select(p => p.Path));
    }

    [Fact]
    public void Validate_Input_IsNotModified()
    {
        // Arrange
        var input = JsonNode.Parse("""{"n":"2"}""");

        // Act
        RunInputValidator.Validate(Fields("""[{"id":"n","type":"number"},{"id":"d","type":"text","default_value":"x"}]"""), input);

        // Assert
        Assert.Equal("""{"n":"2"}""", input!.ToJsonString());
    }

    [Fact]
    public void Validate_RawTextInput_KeepsRawFieldWithoutDeclaredFields()
    {
        var result = RunInputValidator.Validate([], RunInput.FromText("hello"));

        Assert.True(result.IsValid);
        Assert.Equal("""{"__raw_input__":"hello"}""", result.Input!.ToJsonString());
    }

    [Fact]
    public void Validate_RawTextInputWithRequiredField_IsRequired()
    {
        var result = RunInputValidator.Validate(Fields("""[{"id":"q","type":"text","input_requirements":true}]"""), RunInput.FromText("hello"));

        Assert.Equal(("q", FindingCodes.InputRequired), (Assert.Single(result.Problems).FieldId, result.Problems[0].Code));
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
        var problem = Assert.Single(Validate("""[{"id":"q","type":"text","input_requirements":true}]""", "[1]").Problems);

        Assert.Equal(("q", FindingCodes.InputNotObject, "$"), (problem.FieldId, problem.Code, problem.Path));
    }

    [Theory]
    [InlineData("\"x\"", "a string")]
    [InlineData("42", "a number")]
    [InlineData("true", "a boolean")]
    public void Validate_ScalarInput_IsNotARunInputWhateverTheFields(string input, string kind)
    {
        foreach (var fields in new[] { "[]", """[{"id":"q","type":"text"}]""", """[{"id":"q","type":"text","input_requirements":true}]""" })
        {
            var problem = Assert.Single(Validate(fields, input).Problems);

            Assert.Equal((string.Empty, FindingCodes.InputNotObject, "$"), (problem.FieldId, problem.Code, problem.Path));
            Assert.Equal($"The run input must be a JSON object or array (send text as text/plain); found {kind}.", problem.Message);
        }
    }

    [Fact]
    public void Validate_NullInput_IsNoInput()
    {
        var withoutFields = RunInputValidator.Validate([], RunInput.FromJson(null));
        var withDefault = RunInputValidator.Validate(Fields("""[{"id":"q","type":"text","default_value":"d"}]"""), null);

        Assert.Equal((true, "{}"), (withoutFields.IsValid, withoutFields.Input!.ToJsonString()));
        Assert.Equal((true, """{"q":"d"}"""), (withDefault.IsValid, withDefault.Input!.ToJsonString()));
    }
}
