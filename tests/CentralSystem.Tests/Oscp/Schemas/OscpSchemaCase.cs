using CentralSystem.Oscp.Messages;

namespace CentralSystem.Tests.Oscp.Schemas;

/// <summary>
/// One body with the verdict each validator must give. The two verdicts may differ only with a
/// <see cref="KnownDifference"/> that says why; the constructor enforces it so the corpus cannot hide a disagreement.
/// </summary>
public sealed record OscpSchemaCase
{
    public OscpSchemaCase(string name, OscpMessageKind kind, string body, bool readerAccepts, bool schemaAccepts, KnownDifference? difference = null)
    {
        if ((readerAccepts != schemaAccepts) != difference.HasValue)
        {
            throw new ArgumentException(
                difference.HasValue
                    ? $"{name}: {difference} given but both validators are expected to agree"
                    : $"{name}: reader and schema are expected to disagree without a KnownDifference",
                nameof(difference));
        }

        Name = name;
        Kind = kind;
        Body = body;
        ReaderAccepts = readerAccepts;
        SchemaAccepts = schemaAccepts;
        Difference = difference;
    }

    public string Name { get; }

    public OscpMessageKind Kind { get; }

    public string Body { get; }

    public bool ReaderAccepts { get; }

    public bool SchemaAccepts { get; }

    public KnownDifference? Difference { get; }

    /// <summary>Both validators accept.</summary>
    public static OscpSchemaCase Valid(string name, OscpMessageKind kind, string body) => new(name, kind, body, true, true);

    /// <summary>Both validators refuse.</summary>
    public static OscpSchemaCase Invalid(string name, OscpMessageKind kind, string body) => new(name, kind, body, false, false);

    /// <summary>The reader refuses what the schema cannot express (digest §7.1 semantic rules and reader policies).</summary>
    public static OscpSchemaCase ReaderOnly(string name, OscpMessageKind kind, string body, KnownDifference why) => new(name, kind, body, false, true, why);

    /// <summary>The reader accepts what the schema refuses.</summary>
    public static OscpSchemaCase SchemaOnly(string name, OscpMessageKind kind, string body, KnownDifference why) => new(name, kind, body, true, false, why);

    public override string ToString() => Name;
}
