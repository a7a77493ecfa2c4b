using CentralSystem.Domain.Events;
using CentralSystem.Server.Events;
using Microsoft.AspNetCore.SignalR;

namespace CentralSystem.Server.Dashboard;

/// <summary>
/// Turns domain events into dashboard pushes: one SignalR message per group per batch, with meter values coalesced to
/// the latest per EVSE. Runs on the event hub's subscriber loop, never on the OCPP receive path; a short pause
/// after each push lets the next batch fill, so 1,000 chargers cost a few messages a second, not thousands.
/// </summary>
public sealed class DashboardPublisher(IHubContext<DashboardHub, IDashboardClient> hub, LiveChargerState live) : IDomainEventSubscriber
{
    // Well inside the 1 s the dashboard promises, and enough to coalesce a busy site's meter values.
    private static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(200);

    public async ValueTask HandleAsync(IReadOnlyList<DomainEvent> batch, CancellationToken cancellationToken)
    {
        var events = new List<DashboardEvent>(batch.Count);
        var latestMeter = new Dictionary<(string, int?, int?), int>();
        foreach (var domainEvent in batch)
        {
            if (Map(domainEvent) is not { } item)
            {
                continue;
            }

            if (item.Type == "meter")
            {
                var key = (item.ChargerId, item.EvseId, item.ConnectorId);
                if (latestMeter.TryGetValue(key, out var index))
                {
                    events[index] = item;
                    continue;
                }

                latestMeter[key] = events.Count;
            }

            events.Add(item);
        }

        if (events.Count == 0)
        {
            return;
        }

        await hub.Clients.Group(DashboardGroups.All).Events(events);
        foreach (var perCharger in events.GroupBy(e => e.ChargerId))
        {
            await hub.Clients.Group(DashboardGroups.Charger(perCharger.Key)).Events(perCharger.ToList());
        }

        await Task.Delay(BatchWindow, cancellationToken);
    }

    private DashboardEvent? Map(DomainEvent domainEvent)
    {
        switch (domainEvent)
        {
            case ChargerConnectionChanged e:
                return new DashboardEvent("connection", e.At, e.ChargerId, Connected: e.Connected, OcppVersion: e.OcppVersion);
            case ConnectorStatusChanged e:
                return new DashboardEvent("status", e.At, e.ChargerId, EvseId: e.EvseId, ConnectorId: e.ConnectorId, Status: e.Status, ErrorCode: e.ErrorCode);
            case SessionStarted e:
                return new DashboardEvent("sessionStarted", e.At, e.ChargerId, EvseId: e.Session.EvseId, ConnectorId: e.Session.ConnectorId,
                    SessionId: e.Session.Id, TransactionId: e.Session.TransactionId, IdToken: e.Session.IdToken, EnergyWh: 0m, MeterStartWh: e.Session.MeterStartWh);
            case SessionEnded e:
                live.Forget(e.ChargerId, e.EvseId, e.ConnectorId);
                return new DashboardEvent("sessionEnded", e.At, e.ChargerId, EvseId: e.EvseId, ConnectorId: e.ConnectorId,
                    SessionId: e.SessionId, TransactionId: e.TransactionId, EnergyWh: e.EnergyWh, StopReason: e.StopReason);
            case MeterValuesReceived e:
                var reading = MeterReading.From(e.Samples);
                live.Record(e.ChargerId, e.EvseId, e.ConnectorId, e.At, reading);
                return new DashboardEvent("meter", e.At, e.ChargerId, EvseId: e.EvseId, ConnectorId: e.ConnectorId, SessionId: e.SessionId,
                    TransactionId: e.TransactionId, PowerW: reading.PowerW, EnergyWh: reading.EnergyWh, CurrentA: reading.CurrentA);
            case AccessModeEvaluated e:
                return new DashboardEvent("accessMode", e.At, e.ChargerId, AccessMode: e.Mode?.ToString() ?? "None", Rule: e.Rule,
                    NextSwitchAt: e.NextSwitchAt, NextMode: e.NextMode?.ToString());
            default:
                return null;
        }
    }
}
