using System.Reflection;
using CentralSystem.Oscp.Messages;

namespace CentralSystem.Tests.Oscp.Schemas;

/// <summary>
/// The reader's own invalid-message table (OscpInvalidMessageTests.Cases), replayed against the schemas. That table
/// is private and owned elsewhere, so it is read by reflection; a case added there that the schema accepts fails
/// until it is listed below with its reason.
/// </summary>
internal static class OscpExistingInvalidCases
{
    // Test names (without the "Invalid_" prefix) the schema is expected to accept.
    private static readonly Dictionary<string, KnownDifference> SchemaAccepts = new(StringComparer.Ordinal)
    {
        ["duplicate_member"] = KnownDifference.DuplicateMemberNames,
        ["end_before_start"] = KnownDifference.SemanticTimeOrder,
        ["zero_length_block"] = KnownDifference.SemanticTimeOrder,
        ["same_phase_overlap"] = KnownDifference.SemanticSamePhaseOverlap,
        ["mixed_units"] = KnownDifference.SemanticMixedUnits,
        ["register_token_too_long"] = KnownDifference.ReaderTokenLengthPolicy,
        ["register_only_1_0"] = KnownDifference.VersionNegotiation,
    };

    public static IReadOnlyList<OscpSchemaCase> All()
    {
        var source = typeof(OscpInvalidMessageTests).GetMethod("Cases", BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException("OscpInvalidMessageTests.Cases() is gone; update OscpExistingInvalidCases");
        var rows = (IEnumerable<TestCaseData>)source.Invoke(null, null)!;
        return [.. rows.Select(row =>
        {
            var name = row.TestName!["Invalid_".Length..];
            var kind = (OscpMessageKind)row.Arguments[0]!;
            var body = (string)row.Arguments[1]!;
            return SchemaAccepts.TryGetValue(name, out var why)
                ? OscpSchemaCase.ReaderOnly($"existing {name}", kind, body, why)
                : OscpSchemaCase.Invalid($"existing {name}", kind, body);
        })];
    }

    /// <summary>Names listed above that no longer exist in the table (a stale entry hides nothing, but should go).</summary>
    public static IEnumerable<string> StaleEntries(IEnumerable<OscpSchemaCase> cases)
    {
        var present = cases.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        return SchemaAccepts.Keys.Where(k => !present.Contains($"existing {k}"));
    }
}
