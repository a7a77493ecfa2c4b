using System.Text.Json;
using System.Text.Unicode;

namespace CentralSystem.Ocpp.Schemas;

public sealed class CompiledSchema
{
    private readonly SchemaNode _root;
    private readonly string[] _names;

    internal CompiledSchema(string id, SchemaNode root, string[] names)
    {
        Id = id;
        _root = root;
        _names = names;
    }

    // The schema's "$id", e.g. "urn:BootNotification.req".
    public string Id { get; }

    // utf8Json is the payload element of an OCPP-J frame. Never throws on bad input: malformed
    // JSON, invalid UTF-8 (also checked inside skipped values), a UTF-8 BOM, trailing data and
    // duplicate property names come back as InvalidJson violations. Allocates nothing when the
    // payload is valid.
    public SchemaValidationResult Validate(ReadOnlySpan<byte> utf8Json)
    {
        // Checked once up front (vectorised) so that string rules may assume valid UTF-8, and so
        // that customData extensions we only skip cannot smuggle bytes a handler would choke on.
        if (!Utf8.IsValid(utf8Json))
        {
            return new SchemaValidationResult(
                [new SchemaViolation(SchemaViolationKind.InvalidJson, "", "payload: invalid JSON: not valid UTF-8")]);
        }

        Span<int> path = stackalloc int[ValidationContext.MaxDepth];
        var context = new ValidationContext(utf8Json, path, _names);
        try
        {
            context.ReadNext();
            _root.Validate(ref context);
            if (!context.Stopped && context.Reader.Read())
            {
                context.Report(SchemaViolationKind.InvalidJson, "invalid JSON: data after the payload");
            }
        }
        catch (JsonException exception)
        {
            context.Report(SchemaViolationKind.InvalidJson, "invalid JSON: " + exception.Message);
        }
        catch (InvalidOperationException exception)
        {
            // The reader's string accessors refuse text they cannot transcode.
            context.Report(SchemaViolationKind.InvalidJson, "invalid JSON: " + exception.Message);
        }

        return context.ToResult();
    }

    public override string ToString() => Id;
}
