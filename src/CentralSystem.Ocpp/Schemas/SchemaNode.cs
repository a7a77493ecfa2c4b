using System.Text.Json;

namespace CentralSystem.Ocpp.Schemas;

// One compiled schema. Keywords are grouped by the instance type they constrain, as JSON Schema
// defines them (maxLength says nothing about a number), so one node serves single- and
// multi-type schemas alike. Nodes are filled after construction because a $ref may point back
// at a definition that is still being compiled.
internal sealed class SchemaNode
{
    public JsonTypes Types { get; set; } = JsonTypes.Any;

    public ObjectRules? Object { get; set; }

    public ArrayRules? Array { get; set; }

    public StringRules? String { get; set; }

    public NumberRules? Number { get; set; }

    // On entry the reader is on the value's first token; on exit on its last one.
    public void Validate(ref ValidationContext context)
    {
        switch (context.Reader.TokenType)
        {
            case JsonTokenType.StartObject:
                if ((Types & JsonTypes.Object) == 0)
                {
                    context.ReportType(Types, "object");
                    context.Reader.Skip();
                }
                else if (Object is { } objectRules)
                {
                    objectRules.Validate(ref context);
                }
                else
                {
                    context.Reader.Skip();
                }

                break;

            case JsonTokenType.StartArray:
                if ((Types & JsonTypes.Array) == 0)
                {
                    context.ReportType(Types, "array");
                    context.Reader.Skip();
                }
                else if (Array is { } arrayRules)
                {
                    arrayRules.Validate(ref context);
                }
                else
                {
                    context.Reader.Skip();
                }

                break;

            case JsonTokenType.String:
                if ((Types & JsonTypes.String) == 0)
                {
                    context.ReportType(Types, "string");
                }
                else if (String is { } stringRules)
                {
                    stringRules.Validate(ref context);
                }
                else if (context.Reader.ValueIsEscaped)
                {
                    StringRules.CheckEscapes(ref context);
                }

                break;

            case JsonTokenType.Number:
                ValidateNumber(ref context);
                break;

            case JsonTokenType.True:
            case JsonTokenType.False:
                if ((Types & JsonTypes.Boolean) == 0)
                {
                    context.ReportType(Types, "boolean");
                }

                break;

            case JsonTokenType.Null:
                if ((Types & JsonTypes.Null) == 0)
                {
                    context.ReportType(Types, "null");
                }

                break;

            default:
                throw new JsonException("Unexpected token " + context.Reader.TokenType + ".");
        }
    }

    private void ValidateNumber(ref ValidationContext context)
    {
        if ((Types & JsonTypes.Number) == 0)
        {
            if ((Types & JsonTypes.Integer) == 0)
            {
                context.ReportType(Types, "number");
                return;
            }

            // Draft-07 counts 5.0 as an integer; we do not. A literal with a fraction or an
            // exponent fails System.Text.Json's int/long conversion in the handlers, and
            // NJsonSchema (which we replace) rejects it as well.
            if (context.Reader.ValueSpan.IndexOfAny((byte)'.', (byte)'e', (byte)'E') >= 0)
            {
                context.ReportType(Types, "number with a fraction or exponent");
                return;
            }
        }

        Number?.Validate(ref context);
    }
}
