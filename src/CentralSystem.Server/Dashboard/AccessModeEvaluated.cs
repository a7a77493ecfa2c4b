using CentralSystem.Domain.Access;
using CentralSystem.Domain.Events;

namespace CentralSystem.Server.Dashboard;

/// <summary>
/// A charger's access schedule was evaluated (edge, edit, reconnect, start-up): its mode now and its next switch, for
/// the dashboard. <see cref="Mode"/> is null when the charger no longer has a schedule.
/// </summary>
public sealed record AccessModeEvaluated(
    DateTimeOffset At,
    string ChargerId,
    AccessMode? Mode,
    string? Rule,
    DateTimeOffset? NextSwitchAt,
    AccessMode? NextMode,
    string Source) : DomainEvent(At, ChargerId);
