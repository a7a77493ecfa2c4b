using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// Per-EVSE floor (minimum when admitted), cap and weight in amps-equivalent, with the source of the cap for lineage.
/// AC amps per phase are used as they are; DC watts are divided by 3 × nominal voltage.
/// </summary>
internal static class ItemBounds
{
    private static readonly LineageEntry NoSession = new(LimitKind.NoSession);

    public readonly record struct Bounds(double Floor, double Cap, double Weight, LineageEntry CapSource);

    /// <summary>The tightest cap seen so far and where it comes from (no allocation until the winner is known).</summary>
    private struct Tightest
    {
        public double Cap;
        public LimitKind Kind;
        public ChargingRateUnit Unit;
        public double Native;
        public string Detail;

        public void Consider(double candidate, LimitKind kind, ChargingRateUnit unit, double native, string detail)
        {
            if (candidate < Cap)
            {
                (Cap, Kind, Unit, Native, Detail) = (Math.Max(0, candidate), kind, unit, native, detail);
            }
        }
    }

    public static Bounds Compute(CompiledSite site, int e, int phases, EvseRole role, DateTimeOffset at)
    {
        // Kept only for charging and discharging EVSEs whose bounds do not depend on the instant (measured-demand
        // headroom reads telemetry age); idle ones cost nothing and stale ones are rare.
        var kept = site.KeptBounds;
        if (kept is null || role is EvseRole.Idle or EvseRole.Stale
            || (role == EvseRole.Import && site.Site.Settings.MeasuredDemandHeadroomA is not null))
        {
            return ComputeFresh(site, e, phases, role, at);
        }

        var evse = site.Evses[e];
        if (!kept.TryGet(e, evse, phases, role, out var bounds))
        {
            bounds = ComputeFresh(site, e, phases, role, at);
            kept.Keep(e, evse, phases, role, bounds);
        }

        return bounds;
    }

    private static Bounds ComputeFresh(CompiledSite site, int e, int phases, EvseRole role, DateTimeOffset at)
    {
        var evse = site.Evses[e];
        var session = evse.Session;
        var settings = site.Site.Settings;
        var v = site.Voltage;
        var dc = site.IsDc(e);
        var eff = site.EvseEfficiency[e];
        var weight = session?.Weight ?? 1;

        if (role == EvseRole.Stale)
        {
            var value = StaleFallback(site, e, phases);
            var entry = new LineageEntry(LimitKind.StaleTelemetry)
            {
                NodeId = evse.Id,
                Unit = dc ? ChargingRateUnit.W : ChargingRateUnit.A,
                Limit = dc ? value * 3 * v : value,
                Detail = $"telemetry older than {settings.TelemetryMaxAge}; holding fallback demand ({settings.StaleDemand})",
            };
            return new Bounds(value, value, weight, entry);
        }

        if (role == EvseRole.Idle)
        {
            return new Bounds(0, 0, weight, NoSession);
        }

        var t = new Tightest { Cap = double.PositiveInfinity, Detail = string.Empty };
        double floor;
        if (dc)
        {
            var perUnitW = 3 * v;
            if (evse.MaxPowerW is { } maxW)
            {
                t.Consider(maxW / perUnitW, LimitKind.EvseRating, ChargingRateUnit.W, maxW, "EVSE power rating");
            }

            if (evse.MaxInputCurrentA is { } inA)
            {
                // Input amps per phase = output / (3 V) / efficiency.
                t.Consider(inA * eff, LimitKind.EvseRating, ChargingRateUnit.A, inA, "EVSE input current rating");
            }

            if (session?.MaxPowerW is { } vehW)
            {
                t.Consider(vehW / perUnitW, LimitKind.VehicleLimit, ChargingRateUnit.W, vehW, "vehicle maximum power");
            }

            if (settings.MeasuredDemandHeadroomA is { } headroom && role == EvseRole.Import && FreshPower(site, e, at) is { } measuredW)
            {
                var capW = measuredW + (headroom * perUnitW);
                t.Consider(capW / perUnitW, LimitKind.MeasuredDemand, ChargingRateUnit.W, capW, "measured draw plus headroom");
            }

            floor = evse.MinPowerW / perUnitW;
        }
        else
        {
            var perUnitW = v * phases;
            t.Consider(evse.MaxCurrentA, LimitKind.EvseRating, ChargingRateUnit.A, evse.MaxCurrentA, "EVSE current rating");
            if (session?.MaxCurrentA is { } vehA)
            {
                t.Consider(vehA, LimitKind.VehicleLimit, ChargingRateUnit.A, vehA, "vehicle maximum current");
            }

            if (evse.MaxPowerW is { } maxW)
            {
                t.Consider(maxW / perUnitW, LimitKind.EvseRating, ChargingRateUnit.W, maxW, "EVSE power rating");
            }

            if (session?.MaxPowerW is { } vehW)
            {
                t.Consider(vehW / perUnitW, LimitKind.VehicleLimit, ChargingRateUnit.W, vehW, "vehicle maximum power");
            }

            if (settings.MeasuredDemandHeadroomA is { } headroom && role == EvseRole.Import && FreshCurrent(site, e, at) is { } measuredA)
            {
                t.Consider(measuredA + headroom, LimitKind.MeasuredDemand, ChargingRateUnit.A, measuredA + headroom, "measured draw plus headroom");
            }

            floor = evse.MinCurrentA;
        }

        return new Bounds(floor, t.Cap, weight, CapEntry(site, e, evse.Id, in t));
    }

    /// <summary>The cap's lineage entry; a prepared site reuses last call's entry when it says the same thing.</summary>
    private static LineageEntry CapEntry(CompiledSite site, int e, string id, in Tightest t)
    {
        var kept = site.CapEntries;
        if (kept?[e] is { } last && last.Kind == t.Kind && last.Unit == t.Unit && last.Limit == t.Native
            && ReferenceEquals(last.Detail, t.Detail) && ReferenceEquals(last.NodeId, id))
        {
            return last;
        }

        var entry = new LineageEntry(t.Kind) { NodeId = id, Unit = t.Unit, Limit = t.Native, Detail = t.Detail };
        if (kept is not null)
        {
            kept[e] = entry;
        }

        return entry;
    }

    /// <summary>Fallback demand of a stale EVSE in amps-equivalent (fail safe: never zero if it may be charging).</summary>
    public static double StaleFallback(CompiledSite site, int e, int phases)
    {
        var evse = site.Evses[e];
        var v = site.Voltage;
        var dc = site.IsDc(e);
        var rating = dc
            ? Math.Min(evse.MaxPowerW is { } w ? w / (3 * v) : double.PositiveInfinity, evse.MaxInputCurrentA is { } a ? a * site.EvseEfficiency[e] : double.PositiveInfinity)
            : Math.Min(evse.MaxCurrentA, evse.MaxPowerW is { } pw ? pw / (v * phases) : double.PositiveInfinity);
        if (site.Site.Settings.StaleDemand == StaleDemandPolicy.LastAllocation && evse.Telemetry is { } t)
        {
            if (dc && t.LastAllocatedPowerW is { } lastW)
            {
                return Math.Min(rating, lastW / (3 * v));
            }

            if (!dc && t.LastAllocatedCurrentA is { } lastA)
            {
                return Math.Min(rating, lastA);
            }
        }

        return rating;
    }

    private static double? FreshCurrent(CompiledSite site, int e, DateTimeOffset at)
    {
        var t = site.Evses[e].Telemetry;
        return t?.CurrentA is { } a && !SiteConditions.IsStale(t.MeasuredAt, at, site.Site.Settings.TelemetryMaxAge) ? a.Max : null;
    }

    private static double? FreshPower(CompiledSite site, int e, DateTimeOffset at)
    {
        var t = site.Evses[e].Telemetry;
        return t?.PowerW is { } w && !SiteConditions.IsStale(t.MeasuredAt, at, site.Site.Settings.TelemetryMaxAge) ? w : null;
    }
}
