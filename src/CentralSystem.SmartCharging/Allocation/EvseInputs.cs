using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// What the calculation reads from each EVSE record (and its session and telemetry) before the bounds, in arrays, with
/// the record they were read from. Reading them through ten thousand records (three objects each) missed the cache on
/// most of them, three times per calculation; a prepared site keeps these and re-reads only records that changed.
/// </summary>
internal sealed class EvseInputs
{
    private readonly Evse?[] _from;
    private readonly long[] _measuredAt;
    private readonly int[] _basePhases;
    private readonly int[] _statePhases;
    private readonly Facts[] _facts;

    [Flags]
    private enum Facts : byte
    {
        None = 0,
        Session = 1,
        Discharge = 2,
        MayDraw = 4,
        Switch = 8,
        PhaseState = 16,
        Measured = 32,
    }

    public EvseInputs(int count)
    {
        _from = new Evse?[count];
        _measuredAt = new long[count];
        _basePhases = new int[count];
        _statePhases = new int[count];
        _facts = new Facts[count];
    }

    public int Count => _from.Length;

    /// <summary>Re-reads every EVSE whose record is not the one last read.</summary>
    public void Refresh(CompiledSite site)
    {
        var evses = site.Evses;
        for (var e = 0; e < evses.Length; e++)
        {
            if (!ReferenceEquals(_from[e], evses[e]))
            {
                Read(site, e);
            }
        }
    }

    private void Read(CompiledSite site, int e)
    {
        var evse = site.Evses[e];
        var session = evse.Session;
        var t = evse.Telemetry;
        _from[e] = evse;
        _measuredAt[e] = t?.MeasuredAt?.UtcTicks ?? long.MinValue;
        _statePhases[e] = evse.PhaseState?.ActivePhases ?? 0;

        var phases = evse.Phases;
        if (session?.Phases is { } vehicle)
        {
            phases = Math.Min(phases, vehicle);
        }

        _basePhases[e] = site.IsDc(e) ? 3 : phases;
        var facts = Facts.None;
        facts |= session is not null ? Facts.Session : Facts.None;
        facts |= session?.Direction == ChargingDirection.Discharge ? Facts.Discharge : Facts.None;
        facts |= session is not null || t?.LastAllocatedCurrentA > 0 || t?.LastAllocatedPowerW > 0 ? Facts.MayDraw : Facts.None;
        facts |= !site.IsDc(e) && evse.CanSwitchPhases && evse.Phases == 3 && session?.Phases is null or 3 ? Facts.Switch : Facts.None;
        facts |= evse.PhaseState is not null ? Facts.PhaseState : Facts.None;
        facts |= t?.CurrentA is not null || t?.PowerW is not null ? Facts.Measured : Facts.None;
        _facts[e] = facts;
    }

    /// <summary>Telemetry older than <paramref name="maxAge"/> at <paramref name="at"/> (none: not stale).</summary>
    public bool TelemetryStale(int e, DateTimeOffset at, TimeSpan maxAge) =>
        _measuredAt[e] != long.MinValue && at.UtcTicks - _measuredAt[e] > maxAge.Ticks;

    public bool HasSession(int e) => (_facts[e] & Facts.Session) != 0;

    /// <summary>Telemetry with a measured current or power.</summary>
    public bool Measured(int e) => (_facts[e] & Facts.Measured) != 0;

    public bool Discharging(int e) => (_facts[e] & Facts.Discharge) != 0;

    /// <summary>A session, or a last allocation above zero: a stale EVSE that may be drawing.</summary>
    public bool MayBeDrawing(int e) => (_facts[e] & Facts.MayDraw) != 0;

    /// <summary>Phases without switching: 3 for DC, else the EVSE's, limited by the vehicle's.</summary>
    public int BasePhases(int e) => _basePhases[e];

    /// <summary>AC, able to switch, three-phase, and a vehicle that does not rule it out (the role and mode decide the rest).</summary>
    public bool SwitchCandidate(int e) => (_facts[e] & Facts.Switch) != 0;

    /// <summary>Phases of the stored phase-switching state; null without one.</summary>
    public int? StatePhases(int e) => (_facts[e] & Facts.PhaseState) != 0 ? _statePhases[e] : null;
}
