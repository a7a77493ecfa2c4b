using System.Buffers;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// Telemetry-dependent state at the calculation instant: which nodes run on safe capacity, the non-EV load each node
/// carries (own attachments only; <see cref="SubtreeSums"/> adds descendants) and which EVSEs are stale.
/// </summary>
internal sealed class SiteConditions
{
    private SiteConditions(int nodes, EvseInputs inputs)
    {
        StaleNodes = new bool[nodes];
        StaleEvses = new bool[inputs.Count];
        Inputs = inputs;
    }

    /// <summary>What the calculation read from the EVSE records.</summary>
    public EvseInputs Inputs { get; }

    public bool[] StaleNodes { get; }

    /// <summary>Effective non-EV load per attachment (sparse: most nodes carry none).</summary>
    public List<(int Node, PhaseValues CurrentA, double PowerW)> Loads { get; } = [];

    /// <summary>Adds each load to its own node ([node * 3 + phase] amps, watts); callers sum subtrees afterwards.</summary>
    public void AddLoadsTo(double[] perPhase, double[] power)
    {
        foreach (var (v, a, w) in Loads)
        {
            perPhase[(v * 3) + 0] += a.L1;
            perPhase[(v * 3) + 1] += a.L2;
            perPhase[(v * 3) + 2] += a.L3;
            power[v] += w;
        }
    }

    /// <summary>
    /// A zeroed node × phase buffer from the shared pool: at 5,000 nodes a fresh one would be large-object-heap sized.
    /// Give it back with <see cref="ReturnPhaseBuffer"/>.
    /// </summary>
    public static double[] RentPhaseBuffer(int nodes)
    {
        var buffer = ArrayPool<double>.Shared.Rent(Math.Max(1, nodes * 3));
        Array.Clear(buffer, 0, nodes * 3);
        return buffer;
    }

    public static void ReturnPhaseBuffer(double[] buffer) => ArrayPool<double>.Shared.Return(buffer);

    public bool[] StaleEvses { get; }

    public static SiteConditions Evaluate(CompiledSite site, EvseInputs inputs, DateTimeOffset at)
    {
        var settings = site.Site.Settings;
        var c = new SiteConditions(site.Nodes.Length, inputs);
        var voltage = site.Voltage;

        foreach (var meter in site.Site.Meters)
        {
            if (IsStale(meter.MeasuredAt, at, settings.TelemetryMaxAge))
            {
                c.StaleNodes[site.NodeOf(meter.NodeId)] = true;
            }
        }

        foreach (var load in site.Site.SiteLoads)
        {
            var v = site.NodeOf(load.NodeId);
            var hasMeasurement = load.MeasuredCurrentA is not null || load.MeasuredPowerW is not null;
            var stale = hasMeasurement && IsStale(load.MeasuredAt, at, settings.TelemetryMaxAge);
            var hasReserve = load.ReservedCurrentA is not null || load.ReservedPowerW is not null;
            if (stale)
            {
                c.StaleNodes[v] = true;
            }

            // Fresh measurement wins; otherwise the reservation; otherwise the last measurement (never zero).
            var useMeasured = hasMeasurement && (!stale || !hasReserve);
            var amps = useMeasured ? load.MeasuredCurrentA : load.ReservedCurrentA;
            var watts = useMeasured ? load.MeasuredPowerW : load.ReservedPowerW;
            var a = amps ?? (watts is { } ww ? PhaseValues.Uniform(ww / (3 * voltage)) : default);
            var w = watts ?? (voltage * a.Sum);
            c.Loads.Add((v, a, w));
        }

        for (var e = 0; e < site.Evses.Length; e++)
        {
            c.StaleEvses[e] = inputs.TelemetryStale(e, at, settings.TelemetryMaxAge);
        }

        return c;
    }

    public static bool IsStale(DateTimeOffset? measuredAt, DateTimeOffset at, TimeSpan maxAge) =>
        measuredAt is { } t && at - t > maxAge;

    /// <summary>Adds every node's values to all its ancestors (preorder: children come after parents).</summary>
    public static void SubtreeSums(CompiledSite site, double[] perPhase, double[] power)
    {
        for (var v = site.Nodes.Length - 1; v > 0; v--)
        {
            var p = site.Parent[v];
            perPhase[(p * 3) + 0] += perPhase[(v * 3) + 0];
            perPhase[(p * 3) + 1] += perPhase[(v * 3) + 1];
            perPhase[(p * 3) + 2] += perPhase[(v * 3) + 2];
            power[p] += power[v];
        }
    }
}
