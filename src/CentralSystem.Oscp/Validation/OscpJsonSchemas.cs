using System.Reflection;
using CentralSystem.Oscp.Http;
using CentralSystem.Oscp.Messages;

namespace CentralSystem.Oscp.Validation;

/// <summary>
/// Our own JSON Schema (draft-07) documents for the OSCP 2.0 bodies, written from the digest's §6 tables and the
/// §7.1 rules (schemas/oscp/README.md), embedded in this assembly. They describe the same contract as
/// <see cref="OscpMessageReader"/>, which stays the runtime validator: the schemas cannot express the semantic rules
/// (end &gt; start, same-phase overlap, version negotiation) and this assembly deliberately takes no JSON-Schema
/// dependency. The tests validate every sample with both and treat a disagreement as a failure.
/// </summary>
public static class OscpJsonSchemas
{
    /// <summary>File name (without <c>.schema.json</c>) of the error response body <c>{"message": …}</c>.</summary>
    public const string ErrorName = "error";

    private const string ResourcePrefix = "oscp/2.0/";
    private const string ResourceSuffix = ".schema.json";

    private static readonly Assembly Owner = typeof(OscpJsonSchemas).Assembly;

    /// <summary>Every schema name embedded here: one per <see cref="OscpMessageKind"/> plus <see cref="ErrorName"/>.</summary>
    public static IReadOnlyList<string> AllNames { get; } =
        [.. Owner.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(ResourceSuffix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^ResourceSuffix.Length])
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// The schema's file name without <c>.schema.json</c>: the canonical endpoint suffix (digest §1), e.g.
    /// <c>update_group_capacity_forecast</c>.
    /// </summary>
    public static string NameOf(OscpMessageKind kind) => OscpPaths.Outbound(kind);

    /// <summary>The schema document for a message body, as UTF-8 JSON text.</summary>
    public static string Get(OscpMessageKind kind) => Get(NameOf(kind));

    /// <summary>The schema document for the error response body.</summary>
    public static string GetError() => Get(ErrorName);

    /// <summary>A schema document by name (see <see cref="AllNames"/>); throws <see cref="KeyNotFoundException"/> for an unknown one.</summary>
    public static string Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var stream = Owner.GetManifestResourceStream(ResourcePrefix + name + ResourceSuffix)
            ?? throw new KeyNotFoundException($"no embedded OSCP schema named '{name}'");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
