using System.Numerics;
using System.Text.Json;

namespace CentralSystem.Ocpp.Schemas;

// properties, required and additionalProperties (boolean form). Seen and required properties
// are bits of a ulong, hence at most 64 declared properties per object.
internal sealed class ObjectRules
{
    public const int MaxProperties = 64;

    // An escape sequence is at most 6 bytes ("\u00e9") per UTF-16 unit, and a UTF-8 byte never
    // needs more than one unit, so an escaped name longer than this cannot be a declared one.
    private const int MaxEscapeExpansion = 6;

    private readonly Property[] _properties;
    private readonly Utf8NameTable _lookup;
    private readonly ulong _requiredMask;
    private readonly bool _allowAdditional;

    public ObjectRules(Property[] properties, ulong requiredMask, bool allowAdditional)
    {
        _properties = properties;
        _lookup = new Utf8NameTable(properties.Select(p => p.Name).ToArray());
        _requiredMask = requiredMask;
        _allowAdditional = allowAdditional;
    }

    public void Validate(ref ValidationContext context)
    {
        ulong seen = 0;
        while (true)
        {
            context.ReadNext();
            if (context.Reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            var index = context.Reader.ValueIsEscaped
                ? FindEscaped(ref context.Reader)
                : _lookup.Find(context.Reader.ValueSpan);

            if (index < 0)
            {
                ValidateUndeclared(ref context);
            }
            else
            {
                var property = _properties[index];
                var bit = 1UL << index;
                if ((seen & bit) != 0)
                {
                    // Utf8JsonReader accepts duplicate names and NJsonSchema silently keeps the
                    // last one. We reject them: otherwise the value we validated and the value a
                    // handler's deserializer binds could differ.
                    context.Report(SchemaViolationKind.InvalidJson, property.Name, "duplicate property");
                }

                seen |= bit;
                context.ReadNext();
                context.PushProperty(property.PathId);
                property.Node.Validate(ref context);
                context.Pop();
            }

            if (context.Stopped)
            {
                return;
            }
        }

        var missing = _requiredMask & ~seen;
        while (missing != 0)
        {
            var index = BitOperations.TrailingZeroCount(missing);
            missing &= missing - 1;
            context.Report(SchemaViolationKind.Required, _properties[index].Name, "required property is missing");
        }
    }

    private void ValidateUndeclared(ref ValidationContext context)
    {
        if (!_allowAdditional)
        {
            context.Report(
                SchemaViolationKind.AdditionalProperty,
                ValidationContext.Clip(context.Reader.GetString()!),
                "property is not allowed (additionalProperties is false)");
        }

        context.ReadNext();
        context.Reader.Skip();
    }

    private int FindEscaped(ref Utf8JsonReader reader)
    {
        var escapedLength = reader.ValueSpan.Length;
        if (escapedLength > _lookup.MaxByteLength * MaxEscapeExpansion)
        {
            return -1;
        }

        // Unescaping never makes a name longer.
        Span<byte> buffer = stackalloc byte[escapedLength];
        var length = reader.CopyString(buffer);
        return _lookup.Find(buffer[..length]);
    }

    internal sealed record Property(string Name, int PathId, SchemaNode Node);
}
