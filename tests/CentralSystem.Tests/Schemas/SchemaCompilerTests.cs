using CentralSystem.Ocpp.Schemas;

namespace CentralSystem.Tests.Schemas;

[TestFixture]
public sealed class SchemaCompilerTests
{
    [TestCase("""{ "type": "string", "minLength": 1 }""", "minLength")]
    [TestCase("""{ "type": "string", "pattern": "^a$" }""", "pattern")]
    [TestCase("""{ "oneOf": [ { "type": "string" } ] }""", "oneOf")]
    [TestCase("""{ "anyOf": [ { "type": "string" } ] }""", "anyOf")]
    [TestCase("""{ "type": "integer", "exclusiveMinimum": 0 }""", "exclusiveMinimum")]
    [TestCase("""{ "type": "object", "patternProperties": { "^x": {} } }""", "patternProperties")]
    [TestCase("""{ "type": "array", "uniqueItems": true }""", "uniqueItems")]
    [TestCase("""{ "const": 1 }""", "const")]
    [TestCase("""{ "type": "strin" }""", "strin")]
    [TestCase("""{ "type": "string", "format": "email" }""", "email")]
    [TestCase("""{ "enum": [1, 2] }""", "not a string")]
    [TestCase("""{ "type": "object", "additionalProperties": { "type": "string" } }""", "additionalProperties")]
    [TestCase("""{ "type": "object", "properties": { "a": {} }, "required": ["b"] }""", "required property")]
    [TestCase("""{ "type": "object", "properties": { "a": { "$id": "urn:other" } } }""", "$id")]
    [TestCase("""{ "type": "number", "multipleOf": 0 }""", "multipleOf")]
    [TestCase("""{ "type": "string", "maxLength": -1 }""", "maxLength")]
    [TestCase("""{ "type": "array", "items": true }""", "boolean schema")]
    public void Unsupported_schema_fails_compilation_naming_the_problem(string property, string expected)
    {
        var schema = $$"""{ "type": "object", "properties": { "p": {{property}} } }""";

        Assert.That(
            () => TestSchemas.Compile(schema),
            Throws.TypeOf<SchemaCompilationException>().With.Message.Contains(expected).And.Message.Contains("urn:Test.req"));
    }

    [Test]
    public void Keyword_beside_ref_fails_compilation()
    {
        Assert.That(
            () => TestSchemas.Compile("""
                { "type": "object", "properties": { "a": { "$ref": "#/definitions/A", "maxLength": 1 } }, "definitions": { "A": {} } }
                """),
            Throws.TypeOf<SchemaCompilationException>().With.Message.Contains("beside"));
    }

    [Test]
    public void Unsupported_keyword_in_an_unreferenced_definition_fails_compilation()
    {
        Assert.That(
            () => TestSchemas.Compile("""{ "type": "object", "definitions": { "Unused": { "type": "string", "pattern": "x" } } }"""),
            Throws.TypeOf<SchemaCompilationException>().With.Message.Contains("pattern"));
    }

    [Test]
    public void Object_with_more_than_64_properties_fails_compilation()
    {
        var properties = string.Join(",", Enumerable.Range(0, 65).Select(i => $"\"p{i}\":{{}}"));

        Assert.That(
            () => TestSchemas.Compile($$"""{ "type": "object", "properties": { {{properties}} } }"""),
            Throws.TypeOf<SchemaCompilationException>());
    }

    [Test]
    public void Draft_04_schema_fails_compilation()
    {
        Assert.That(
            () => TestSchemas.Load("""[{ "$id": "urn:Test.req", "$schema": "http://json-schema.org/draft-04/schema#", "type": "object" }]"""),
            Throws.TypeOf<SchemaCompilationException>().With.Message.Contains("draft-07"));
    }

    [TestCase("urn:Test")]
    [TestCase("urn:.req")]
    [TestCase("Test.req")]
    [TestCase("urn:Test.res")]
    public void Schema_id_not_naming_action_and_direction_fails_loading(string id)
    {
        Assert.That(
            () => TestSchemas.Load($$"""[{ "$id": "{{id}}", "$schema": "http://json-schema.org/draft-07/schema", "type": "object" }]"""),
            Throws.TypeOf<SchemaCompilationException>());
    }

    [Test]
    public void Annotations_are_ignored()
    {
        var schema = TestSchemas.Compile("""
            { "type": "object", "title": "t", "description": "d", "$comment": "c",
              "properties": { "b": { "type": "boolean", "default": false, "examples": [true] } } }
            """);

        Assert.That(schema.Validate("""{"b":true}""").IsValid, Is.True);
    }

    [Test]
    public void Type_list_accepts_each_listed_type()
    {
        var schema = TestSchemas.Compile("""
            { "type": "object", "properties": { "v": { "type": ["string", "integer", "null"], "maxLength": 2, "maximum": 5 } } }
            """);

        Assert.That(schema.Validate("""{"v":"ab"}""").IsValid, Is.True);
        Assert.That(schema.Validate("""{"v":5}""").IsValid, Is.True);
        Assert.That(schema.Validate("""{"v":null}""").IsValid, Is.True);
        Assert.That(schema.Validate("""{"v":"abc"}""").Kinds(), Is.EqualTo(new[] { SchemaViolationKind.MaxLength }));
        Assert.That(schema.Validate("""{"v":6}""").Kinds(), Is.EqualTo(new[] { SchemaViolationKind.Maximum }));
        Assert.That(schema.Validate("""{"v":true}""").Violations.Single().Message, Is.EqualTo("v: expected one of string, integer, null but found boolean"));
    }

    [Test]
    public void Schema_without_type_accepts_any_value()
    {
        var schema = TestSchemas.Compile("""{ "type": "object", "properties": { "data": { "description": "anything" } } }""");

        foreach (var value in new[] { "1", "\"x\"", "null", "[1,[2]]", "{\"a\":{\"b\":[]}}", "true" })
        {
            Assert.That(schema.Validate($$"""{"data":{{value}}}""").IsValid, Is.True, value);
        }
    }
}
