using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Conditions;
using WorkflowFunctions.Engine.Templates;

namespace WorkflowFunctions.Engine.Tests.Conditions;

public class ConditionTests
{
    private static bool Evaluate(string left, string op, string right, string inputJson = "{}")
    {
        var json = new JsonObject { ["left"] = left, ["operator"] = op, ["right"] = right };
        Assert.True(Condition.TryParse(json, out var condition, out var error), error);
        return condition.Evaluate(new TemplateScope(JsonNode.Parse(inputJson)));
    }

    [Theory]
    [InlineData("positive", true)]
    [InlineData("negative", false)]
    [InlineData("Positive", false)]
    public void Evaluate_Reference003Condition_ComparesCategory(string category, bool expected)
    {
        Assert.Equal(expected, Evaluate("{{ input.category }}", "==", "positive", $$"""{"category":"{{category}}"}"""));
    }

    [Theory]
    [InlineData("10", ">", "9", true)]
    [InlineData("10", "<", "9", false)]
    [InlineData("1.0", "==", "1", true)]
    [InlineData("1e3", "==", "1000", true)]
    [InlineData("-2", "<", "1", true)]
    [InlineData("2", ">=", "2", true)]
    [InlineData("2", "<=", "1.5", false)]
    [InlineData("3", "!=", "3.0", false)]
    public void Evaluate_BothNumeric_ComparesAsNumbers(string left, string op, string right, bool expected)
    {
        Assert.Equal(expected, Evaluate(left, op, right));
    }

    [Theory]
    [InlineData("b", ">", "a", true)]
    [InlineData("10", ">", "abc", false)]
    [InlineData("B", "<", "a", true)]
    [InlineData("abc", "==", "abc", true)]
    [InlineData("abc", "!=", "abd", true)]
    public void Evaluate_NotBothNumeric_ComparesOrdinalStrings(string left, string op, string right, bool expected)
    {
        Assert.Equal(expected, Evaluate(left, op, right));
    }

    [Fact]
    public void Evaluate_UnderGermanCulture_CommaDecimalIsNotANumber()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.True(Evaluate("1.5", "<", "2"));
            Assert.False(Evaluate("2,5", "<", "10,0"));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("hello world", "contains", "lo w", true)]
    [InlineData("hello world", "contains", "LO", false)]
    [InlineData("hello", "contains", "", true)]
    [InlineData("hello world", "not_contains", "xyz", true)]
    [InlineData("hello world", "starts_with", "hello", true)]
    [InlineData("hello world", "starts_with", "world", false)]
    [InlineData("hello world", "ends_with", "world", true)]
    public void Evaluate_StringOperators_AreOrdinal(string left, string op, string right, bool expected)
    {
        Assert.Equal(expected, Evaluate(left, op, right));
    }

    [Theory]
    [InlineData("{{ input.missing }}", "is_empty", true)]
    [InlineData("{{ input.nil }}", "is_empty", true)]
    [InlineData("{{ input.blank }}", "is_empty", true)]
    [InlineData("{{ input.space }}", "is_empty", false)]
    [InlineData("{{ input.zero }}", "is_empty", false)]
    [InlineData("{{ input.missing }}", "is_not_empty", false)]
    [InlineData("{{ input.space }}", "is_not_empty", true)]
    public void Evaluate_EmptinessTests_TreatMissingNullAndEmptyStringAsEmpty(string left, string op, bool expected)
    {
        Assert.Equal(expected, Evaluate(left, op, "ignored", """{"nil":null,"blank":"","space":" ","zero":0}"""));
    }

    [Fact]
    public void Evaluate_MissingLeftComparedToEmpty_IsEqual()
    {
        Assert.True(Evaluate("{{ input.missing }}", "==", ""));
    }

    [Theory]
    [InlineData("""{"left":"a","operator":"~=","right":"b"}""", "Unknown condition operator '~='")]
    [InlineData("""{"left":"a","right":"b"}""", "'condition.operator' is missing")]
    [InlineData("\"x\"", "must be an object")]
    [InlineData("""{"left":"{{ input.","operator":"==","right":"b"}""", "'condition.left'")]
    public void TryParse_BadCondition_FailsNamingTheField(string json, string expected)
    {
        var ok = Condition.TryParse(JsonNode.Parse(json), out _, out var error);

        Assert.False(ok);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_ListEveryOperatorThatParses()
    {
        Assert.Equal(12, ConditionOperators.Names.Count);
        Assert.All(ConditionOperators.Names, name => Assert.True(ConditionOperators.TryParse(name, out var op) && ConditionOperators.NameOf(op) == name));
    }

    [Theory]
    [InlineData(" 10 ", ">", "9", true)]
    [InlineData("+5", "==", "5", true)]
    [InlineData("-0", "==", "0", true)]
    public void Evaluate_NumbersWithSignOrSurroundingSpace_AreStillNumbers(string left, string op, string right, bool expected)
    {
        Assert.Equal(expected, Evaluate(left, op, right));
    }

    [Theory]
    [InlineData("NaN", "==", "NaN", true)]
    [InlineData("Infinity", "<", "5", false)]
    public void Evaluate_NonFiniteNumberWords_CompareAsText(string left, string op, string right, bool expected)
    {
        Assert.Equal(expected, Evaluate(left, op, right));
    }

    [Fact]
    public void Evaluate_ContainsMissingRight_IsTrue()
    {
        Assert.True(Evaluate("anything", "contains", "{{ input.missing }}"));
    }

    [Fact]
    public void Evaluate_NumericInputValues_CompareAsNumbers()
    {
        Assert.True(Evaluate("{{ input.score }}", ">=", "{{ input.threshold }}", """{"score":10,"threshold":9.5}"""));
    }

    [Fact]
    public void TryParse_NonStringSide_UsesItsJsonText()
    {
        var ok = Condition.TryParse(JsonNode.Parse("""{"left":"{{ input.n }}","operator":"==","right":5}"""), out var condition, out _);

        Assert.True(ok);
        Assert.True(condition.Evaluate(new TemplateScope(JsonNode.Parse("""{"n":5.0}"""))));
    }

    [Fact]
    public void TryParse_SameConditionTwice_ReusesTheParsedTemplates()
    {
        var json = JsonNode.Parse("""{"left":"{{ input.reuse }}","operator":"==","right":"x"}""");

        Assert.True(Condition.TryParse(json, out var first, out _));
        Assert.True(Condition.TryParse(json, out var second, out _));

        Assert.Same(first.Left, second.Left);
    }

    [Fact]
    public void TryParse_UnknownOperator_ListsTheSupportedOnes()
    {
        var ok = Condition.TryParse(JsonNode.Parse("""{"left":"a","operator":"CONTAINS","right":"b"}"""), out _, out var error);

        Assert.False(ok);
        Assert.Contains(
            "Supported: ==, !=, >, <, >=, <=, contains, not_contains, starts_with, ends_with, is_empty, is_not_empty.",
            error,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_UnaryOperator_IgnoresTheRightSide()
    {
        Assert.True(Condition.Compare(string.Empty, "not empty", ConditionOperator.IsEmpty));
    }
}
