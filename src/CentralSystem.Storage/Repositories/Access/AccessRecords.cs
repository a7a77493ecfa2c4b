// Storage-side records of the access feature (what the operator API reads and writes).
using CentralSystem.Domain.Access;

namespace CentralSystem.Storage.Repositories.Access;

public sealed record AccessSiteRecord(string Id, string Name, string TimeZone, ScheduleRules? Schedule, DateTimeOffset UpdatedAt);

/// <param name="Schedule">Null: the charger inherits its site's schedule.</param>
public sealed record ChargerScheduleRecord(string ChargerId, string? SiteId, string? TimeZone, ScheduleRules? Schedule, DateTimeOffset UpdatedAt);

public sealed record VehicleIdentifier(IdentifierType Type, string Value);

public sealed record VehicleRecord(string Id, string? Name, AccessClass Class, string? AgreementId, IReadOnlyList<VehicleIdentifier> Identifiers, DateTimeOffset UpdatedAt);

/// <summary>An identifier a charger may let charge offline (SendLocalList); ValidTo is the agreement's end.</summary>
public sealed record AllowedIdentifier(string Value, IdentifierType Type, DateTimeOffset? ValidTo);

public enum ApplyStatus
{
    Pending,
    Applied,
    Rejected,
    CsmsOnly,
}

public sealed record ChargerAccessState(
    string ChargerId,
    AccessMode DesiredMode,
    string? DesiredRule,
    DateTimeOffset DesiredSince,
    DateTimeOffset? NextSwitchAt,
    AccessMode? AppliedMode,
    ApplyStatus ApplyStatus,
    string? ApplyDetail,
    DateTimeOffset? ApplyAttemptedAt,
    int LocalListVersion);

public sealed record AccessEventRecord(long Id, AccessEvent Event);

public sealed record AccessEventQuery(string? ChargerId, bool? Allowed, DateTimeOffset? From, DateTimeOffset? To, int Limit);

/// <summary>One row of an agreement-vehicle import, already syntactically valid; Line is 1-based in the source.</summary>
public sealed record ImportRow(int Line, string AgreementId, string VehicleId, string? VehicleName, IdentifierType Type, string Identifier);

public sealed record ImportError(int Line, string Field, string Reason);

/// <param name="Written">False when nothing was written (all-or-nothing with errors).</param>
public sealed record ImportResult(int ImportedRows, int ImportedVehicles, bool Written, IReadOnlyList<ImportError> Errors);
