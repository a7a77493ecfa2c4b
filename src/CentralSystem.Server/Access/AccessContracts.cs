// Operator API bodies of the access feature (JSON, camelCase). Enums travel as strings and are parsed by
// AccessInput so that a bad value is reported against its field.
using CentralSystem.Storage.Repositories.Access;

namespace CentralSystem.Server.Access;

public sealed record RuleBody(string? Name, string? Mode, IReadOnlyList<string>? Days, string? Start, string? End);

public sealed record SiteBody(string? Name, string? TimeZone, string? DefaultMode, IReadOnlyList<RuleBody>? Rules);

/// <param name="InheritSiteSchedule">True: follow the site's schedule (siteId required); rules and defaultMode must be absent.</param>
public sealed record ChargerScheduleBody(string? SiteId, string? TimeZone, bool? InheritSiteSchedule, string? DefaultMode, IReadOnlyList<RuleBody>? Rules);

public sealed record RuleView(string Name, string Mode, IReadOnlyList<string> Days, string Start, string End);

public sealed record SiteView(string Id, string Name, string TimeZone, string? DefaultMode, IReadOnlyList<RuleView>? Rules, DateTimeOffset UpdatedAt);

public sealed record ChargerScheduleView(
    string ChargerId, string? SiteId, string? TimeZone, bool InheritSiteSchedule, string? DefaultMode, IReadOnlyList<RuleView>? Rules, DateTimeOffset UpdatedAt);

public sealed record ChargerModeStateView(
    string DesiredMode, string? DesiredRule, DateTimeOffset DesiredSince, string? AppliedMode, string ApplyStatus, string? ApplyDetail,
    DateTimeOffset? ApplyAttemptedAt, int LocalListVersion);

/// <param name="Source">Charger, Site, or None (no schedule: the id-token list alone decides).</param>
/// <param name="ModeChange">"Applied", "Pending" (not yet confirmed / charger offline), "Rejected" (the charger refused;
/// the CSMS still enforces the mode) or "CsmsOnly" (no charger-side switch for this model).</param>
public sealed record ChargerAccessView(
    string ChargerId, string Source, string? SiteId, string? TimeZone, string? Mode, string? Rule, DateTimeOffset? NextSwitchAt, string? NextMode,
    DateTimeOffset? ScheduledTriggerAt, string? ModeChange, ChargerModeStateView? State);

public sealed record IdentifierBody(string? Type, string? Value);

public sealed record VehicleBody(string? Id, string? Name, string? Class, string? AgreementId, IReadOnlyList<IdentifierBody>? Identifiers);

public sealed record IdentifierView(string Type, string Value);

public sealed record VehicleView(string Id, string? Name, string Class, string? AgreementId, IReadOnlyList<IdentifierView> Identifiers, DateTimeOffset UpdatedAt);

public sealed record AgreementBody(string? Id, string? Name, DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo, IReadOnlyList<string>? SiteIds, IReadOnlyList<string>? ChargerIds);

public sealed record AgreementView(string Id, string Name, DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo, IReadOnlyList<string> SiteIds, IReadOnlyList<string> ChargerIds);

public sealed record ImportRowBody(string? AgreementId, string? VehicleId, string? VehicleName, string? IdentifierType, string? Identifier);

public sealed record ImportResponse(int ImportedRows, int ImportedVehicles, IReadOnlyList<ImportError> Errors);

public sealed record RemoteStartBody(string? IdToken, string? Type, int? ConnectorId, int? EvseId);

public sealed record AccessEventView(
    long Id, DateTimeOffset OccurredAt, string ChargerId, int? EvseId, int? ConnectorId, string Identifier, string? IdentifierType,
    string AccessClass, string Decision, string Reason, string? Mode, string? Rule, string Protocol, string Trigger, string? VehicleId, string? AgreementId);
