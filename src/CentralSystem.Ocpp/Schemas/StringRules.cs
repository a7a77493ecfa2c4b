using System.Buffers;
using System.Globalization;

namespace CentralSystem.Ocpp.Schemas;

// maxLength, enum (string values only) and format. The common case, an unescaped string no
// longer in bytes than maxLength, is decided without looking at its content: a code point
// takes at least one UTF-8 byte.
internal sealed class StringRules
{
    private const int StackBufferSize = 256;

    private readonly int _maxLength;
    private readonly Utf8NameTable? _enum;
    private readonly string[] _enumValues;
    private readonly StringFormat _format;

    public StringRules(int? maxLength, string[]? enumValues, StringFormat format)
    {
        _maxLength = maxLength ?? int.MaxValue;
        _enumValues = enumValues ?? [];
        _enum = enumValues is null ? null : new Utf8NameTable(enumValues);
        _format = format;
    }

    public void Validate(ref ValidationContext context)
    {
        if (context.Reader.ValueIsEscaped)
        {
            ValidateEscaped(ref context);
            return;
        }

        var value = context.Reader.ValueSpan;
        if (value.Length > _maxLength)
        {
            CheckLength(ref context, Utf8Text.CountCodePoints(value));
        }

        CheckContent(ref context, value);
    }

    // Rare (OCPP strings seldom need escapes), so it may cost a copy.
    private void ValidateEscaped(ref ValidationContext context)
    {
        var escaped = context.Reader.ValueSpan;
        var codePoints = CheckEscapes(ref context);
        if (codePoints < 0)
        {
            return;
        }

        CheckLength(ref context, codePoints);
        if (_enum is null && _format == StringFormat.None)
        {
            return;
        }

        byte[]? rented = null;
        Span<byte> buffer = escaped.Length <= StackBufferSize
            ? stackalloc byte[StackBufferSize]
            : rented = ArrayPool<byte>.Shared.Rent(escaped.Length);
        try
        {
            var length = context.Reader.CopyString(buffer);
            CheckContent(ref context, buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    // For every escaped string the schema types as a string, constrained or not. Returns the
    // code point count, or -1 after reporting an unpaired surrogate: RFC 8259 leaves their
    // meaning open and System.Text.Json refuses to make a string of them, so the handler could
    // not read the value anyway. (Values the schema leaves open, such as customData extensions,
    // are skipped unread.)
    public static int CheckEscapes(ref ValidationContext context)
    {
        var codePoints = Utf8Text.CountEscapedCodePoints(context.Reader.ValueSpan);
        if (codePoints < 0)
        {
            context.Report(SchemaViolationKind.InvalidJson, "string contains an unpaired UTF-16 surrogate escape");
        }

        return codePoints;
    }

    private void CheckLength(ref ValidationContext context, int codePoints)
    {
        if (codePoints > _maxLength)
        {
            context.Report(
                SchemaViolationKind.MaxLength,
                string.Create(CultureInfo.InvariantCulture, $"length {codePoints} exceeds maxLength {_maxLength}"));
        }
    }

    private void CheckContent(ref ValidationContext context, scoped ReadOnlySpan<byte> value)
    {
        if (_enum is not null && _enum.Find(value) < 0)
        {
            context.Report(
                SchemaViolationKind.Enum,
                "value " + ValidationContext.Quote(context.Reader.GetString()!) + " is not one of " + string.Join(", ", _enumValues));
        }

        switch (_format)
        {
            case StringFormat.DateTime when !Rfc3339.IsDateTime(value):
                context.Report(
                    SchemaViolationKind.Format,
                    ValidationContext.Quote(context.Reader.GetString()!) + " is not an RFC 3339 date-time");
                break;

            case StringFormat.Uri when !Rfc3986.IsUri(value):
                context.Report(
                    SchemaViolationKind.Format,
                    ValidationContext.Quote(context.Reader.GetString()!) + " is not an absolute RFC 3986 URI");
                break;
        }
    }
}
