namespace CentralSystem.Tests.Oscp.Schemas;

/// <summary>
/// The explicit list of cases where <c>OscpMessageReader</c> and our JSON schemas (validated by NJsonSchema 10.7.2) are
/// expected to disagree. A case whose two verdicts differ must name one of these, and every one of these must be
/// exercised by the corpus, so a new disagreement fails a test instead of being skipped silently.
/// </summary>
public enum KnownDifference
{
    /// <summary>Digest §7.1: end_time &gt; start_time compares two members; JSON Schema cannot. Reader 400, schema passes.</summary>
    SemanticTimeOrder,

    /// <summary>Digest §7.1: no overlapping blocks for the same phase within one message. Reader 400, schema passes.</summary>
    SemanticSamePhaseOverlap,

    /// <summary>Digest §7.1: mixed units are a per-profile policy (OscpReaderOptions.RejectMixedUnits, on by default).</summary>
    SemanticMixedUnits,

    /// <summary>Digest §3.1: a Register offering no version we speak is a negotiation failure (501), not a shape error.</summary>
    VersionNegotiation,

    /// <summary>OscpReaderOptions.MaxTokenLength (1024, digest §1 [R]) is a storage policy, not part of the message shape.</summary>
    ReaderTokenLengthPolicy,

    /// <summary>The reader keeps heartbeat_interval in an int, so more than int.MaxValue seconds is refused; the digest sets no maximum.</summary>
    ReaderHeartbeatIntervalCap,

    /// <summary>A number literal beyond double range (1e400): the reader refuses it as out of range, Newtonsoft reads it as infinity.</summary>
    ReaderNumberRange,

    /// <summary>Duplicate member names are refused by the reader's parser; Newtonsoft (under NJsonSchema) keeps the last one.</summary>
    DuplicateMemberNames,

    /// <summary>
    /// JSON only Newtonsoft's lenient reader (under NJsonSchema) takes: trailing commas, single quotes, unquoted names,
    /// NaN, leading zeros, content after the body. The reader's System.Text.Json parser refuses it, as it should.
    /// </summary>
    NewtonsoftLenientSyntax,

    /// <summary>The reader parses with MaxDepth 16, so an unknown extension member nested deeper is refused; the digest sets no limit.</summary>
    ReaderMaxDepth,

    /// <summary>
    /// The reader treats an explicit null for an optional member as absent (peers serialise optionals as null); the
    /// schemas, like the digest's tables, have no nullable member.
    /// </summary>
    ReaderNullAsAbsent,



    /// <summary>
    /// NJsonSchema 10.7.2's date-time format check refuses more than 7 fractional digits; RFC 3339 and the reader
    /// (up to 9) accept them. A validator quirk, not a rule of our schema text.
    /// </summary>
    NJsonSchemaFractionDigits,
}
