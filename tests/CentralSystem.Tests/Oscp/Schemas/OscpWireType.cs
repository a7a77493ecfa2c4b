namespace CentralSystem.Tests.Oscp.Schemas;

// A third, independent reading of the digest's §6 tables, used only to derive what each generated mutation should
// do. It is neither the reader nor the schema, so a rule written wrong in one of those shows up as a disagreement.
// The records are tiny and only meaningful together, hence one file.

/// <summary>The wire type of a member or array item.</summary>
public abstract record OscpWireType;

/// <summary>A string that must not be empty (identifiers, tokens, texts).</summary>
public sealed record WireText : OscpWireType;

/// <summary>A JSON number with an optional inclusive minimum; <paramref name="ReaderMaximum"/> is the reader's own cap, if any.</summary>
public sealed record WireNumber(double? Minimum = null, double? ReaderMaximum = null) : OscpWireType;

/// <summary>One of a fixed set of upper-case strings, case-sensitive.</summary>
public sealed record WireEnum(params string[] Values) : OscpWireType;

/// <summary>An RFC 3339 date-time with a mandatory offset.</summary>
public sealed record WireDateTime : OscpWireType;

/// <summary>An absolute http(s) URL.</summary>
public sealed record WireUrl : OscpWireType;

/// <summary>
/// An array. <paramref name="SamePhaseBlocks"/>: its items are ForecastedBlocks, so a repeated item overlaps on its
/// phase and an item's phase or unit cannot be changed alone without touching the semantic rules.
/// </summary>
public sealed record WireArray(OscpWireType Item, int MinItems, bool UniqueItems = false, bool SamePhaseBlocks = false) : OscpWireType;

/// <summary>An object; when <paramref name="AtLeastOneOf"/> is not empty, one of those members must be present.</summary>
public sealed record WireObject(IReadOnlyList<WireMember> Members, IReadOnlyList<string> AtLeastOneOf) : OscpWireType
{
    public WireObject(params WireMember[] members)
        : this(members, [])
    {
    }
}

/// <summary>A member of an object.</summary>
public sealed record WireMember(string Name, OscpWireType Type, bool Required);
