using System.Globalization;

namespace CentralSystem.SmartCharging.Topology;

/// <summary>
/// Checks that a site is a single rooted tree with sane numbers. Every message names the offending element, because
/// an operator importing a 500-node depot needs to know where to look.
/// </summary>
public static class SiteValidator
{
    public static IReadOnlyList<SiteValidationError> Validate(SiteModel site) => Validate(site, out _);

    /// <summary>Validates and returns the id → position index of the nodes (positions in <see cref="SiteModel.Nodes"/>).</summary>
    internal static List<SiteValidationError> Validate(SiteModel site, out SiteIndex index)
    {
        var errors = new List<SiteValidationError>();
        index = new SiteIndex(site);
        var nodes = index.NodeIndex;

        if (!(site.Settings.NominalVoltageV > 0))
        {
            errors.Add(new(null, "settings: nominalVoltageV must be greater than 0"));
        }

        foreach (var node in site.Nodes)
        {
            if (string.IsNullOrWhiteSpace(node.Id))
            {
                errors.Add(new(node.Id, "a node has an empty id"));
                continue;
            }

            CheckLimit(errors, node.Id, "node", "import", node.Import);
            CheckLimit(errors, node.Id, "node", "export", node.Export);
            if (node.SafeImport is { } safe)
            {
                CheckLimit(errors, node.Id, "node", "safeImport", safe);
            }

            CheckPhases(errors, node.Id, "node", node.GridPhases);
            if (node.Efficiency is { } eff && !(eff > 0 && eff <= 1))
            {
                errors.Add(new(node.Id, $"node '{node.Id}': efficiency must be in (0, 1], got {Num(eff)}"));
            }
        }

        foreach (var id in index.DuplicateNodes)
        {
            errors.Add(new(id, $"node '{id}': duplicate id"));
        }

        var evseIds = new HashSet<string>(site.Evses.Count, StringComparer.Ordinal);
        for (var e = 0; e < site.Evses.Count; e++)
        {
            var evse = site.Evses[e];
            if (string.IsNullOrWhiteSpace(evse.Id))
            {
                errors.Add(new(evse.Id, "an EVSE has an empty id"));
                continue;
            }

            if (nodes.ContainsKey(evse.Id) || !evseIds.Add(evse.Id))
            {
                errors.Add(new(evse.Id, $"EVSE '{evse.Id}': duplicate id"));
            }

            if (index.EvseParent[e] < 0)
            {
                errors.Add(new(evse.Id, $"EVSE '{evse.Id}': unknown parent '{evse.ParentId}'"));
            }

            CheckEvse(errors, evse);
        }

        CheckTree(errors, site.Nodes, index);

        CheckSiteRecords(errors, site, nodes);
        return errors;
    }

    /// <summary>Throws <see cref="SiteValidationException"/> listing every problem, if any.</summary>
    public static void ThrowIfInvalid(SiteModel site)
    {
        var errors = Validate(site);
        if (errors.Count > 0)
        {
            throw new SiteValidationException(errors);
        }
    }

    /// <summary>
    /// Site loads, meters, envelopes and tariff periods. Also used on their own (with <see cref="CheckEvse"/>) for a
    /// site whose tree and EVSE hardware are those of an already validated one.
    /// </summary>
    internal static void CheckSiteRecords(List<SiteValidationError> errors, SiteModel site, Dictionary<string, int> nodes)
    {
        foreach (var load in site.SiteLoads)
        {
            CheckReference(errors, load.Id, "site load", load.NodeId, nodes);
            CheckNonNegative(errors, load.Id, "site load", "measuredCurrentA", load.MeasuredCurrentA);
            CheckNonNegative(errors, load.Id, "site load", "reservedCurrentA", load.ReservedCurrentA);
            CheckNonNegative(errors, load.Id, "site load", "measuredPowerW", load.MeasuredPowerW);
            CheckNonNegative(errors, load.Id, "site load", "reservedPowerW", load.ReservedPowerW);
        }

        foreach (var meter in site.Meters)
        {
            CheckReference(errors, meter.Id, "meter", meter.NodeId, nodes);
        }

        foreach (var envelope in site.Envelopes)
        {
            CheckReference(errors, envelope.Id, "envelope", envelope.NodeId, nodes);
            foreach (var block in envelope.Blocks)
            {
                if (block.To <= block.From)
                {
                    errors.Add(new(envelope.Id, $"envelope '{envelope.Id}': block {Iso(block.From)} ends before it starts"));
                }

                CheckLimit(errors, envelope.Id, "envelope", "import", block.Import);
                CheckLimit(errors, envelope.Id, "envelope", "export", block.Export);
            }
        }

        foreach (var period in site.Tariff)
        {
            if (period.To <= period.From)
            {
                errors.Add(new(null, $"tariff period {Iso(period.From)} ends before it starts"));
            }
        }
    }

    /// <summary>One EVSE's ratings, phases and session (not its id or parent).</summary>
    internal static void CheckEvse(List<SiteValidationError> errors, Evse evse)
    {
        var id = evse.Id;

        if (evse.Phases is < 1 or > 3)
        {
            errors.Add(new(id, $"EVSE '{id}': phases must be 1, 2 or 3, got {evse.Phases}"));
        }

        if (evse.MinCurrentA < 0 || evse.MaxCurrentA < 0 || evse.MinPowerW < 0 || evse.MaxPowerW < 0 || evse.MaxInputCurrentA < 0)
        {
            errors.Add(new(id, $"EVSE '{id}': ratings must not be negative"));
        }

        if (evse.MinCurrentA > evse.MaxCurrentA)
        {
            errors.Add(new(id, $"EVSE '{id}': minCurrentA {Num(evse.MinCurrentA)} is greater than maxCurrentA {Num(evse.MaxCurrentA)}"));
        }

        if (evse.MaxPowerW is { } maxW && evse.MinPowerW > maxW)
        {
            errors.Add(new(id, $"EVSE '{id}': minPowerW {Num(evse.MinPowerW)} is greater than maxPowerW {Num(maxW)}"));
        }

        if (evse.Efficiency is { } eff && !(eff > 0 && eff <= 1))
        {
            errors.Add(new(id, $"EVSE '{id}': efficiency must be in (0, 1], got {Num(eff)}"));
        }

        CheckPhases(errors, id, "EVSE", evse.GridPhases);
        if (evse.GridPhases is { Count: > 0 } gp && gp.Count < evse.Phases)
        {
            errors.Add(new(id, $"EVSE '{id}': gridPhases lists {gp.Count} phase(s) but the EVSE uses {evse.Phases}"));
        }

        if (evse.Session is { } s)
        {
            if (s.MaxCurrentA < 0 || s.MaxPowerW < 0 || s.EnergyNeededWh < 0)
            {
                errors.Add(new(id, $"EVSE '{id}': session values must not be negative"));
            }

            if (!(s.Weight > 0))
            {
                errors.Add(new(id, $"EVSE '{id}': session weight must be greater than 0"));
            }

            if (s.Phases is < 1 or > 3)
            {
                errors.Add(new(id, $"EVSE '{id}': session phases must be 1, 2 or 3"));
            }
        }
    }

    private static void CheckTree(List<SiteValidationError> errors, IReadOnlyList<GridNode> list, SiteIndex index)
    {
        var parent = index.Parent;
        var roots = new List<string>();
        for (var v = 0; v < list.Count; v++)
        {
            var node = list[v];
            if (string.IsNullOrWhiteSpace(node.Id) || index.IsDuplicate[v])
            {
                continue;
            }

            if (node.ParentId is null)
            {
                roots.Add(node.Id);
            }
            else if (node.ParentId == node.Id)
            {
                errors.Add(new(node.Id, $"node '{node.Id}': is its own parent (cycle)"));
            }
            else if (parent[v] < 0)
            {
                errors.Add(new(node.Id, $"node '{node.Id}': unknown parent '{node.ParentId}'"));
            }
        }

        if (list.Count > 0 && roots.Count == 0)
        {
            errors.Add(new(null, "the site has no root node (a node without parent)"));
        }
        else if (roots.Count > 1)
        {
            errors.Add(new(roots[1], $"node '{roots[1]}': second root (the site must be one tree; '{roots[0]}' is already a root)"));
        }

        // Cycle detection: follow parents with a three-colour walk so each node is visited once.
        var state = new byte[list.Count];
        var path = new List<int>();
        for (var v = 0; v < list.Count; v++)
        {
            path.Clear();
            var current = v;
            while (current >= 0 && state[current] == 0)
            {
                state[current] = 1;
                path.Add(current);
                var next = parent[current];
                if (next >= 0 && state[next] == 1 && next != current)
                {
                    var chain = string.Join(" -> ", path.Select(i => list[i].Id));
                    errors.Add(new(list[next].Id, $"node '{list[next].Id}': cycle in parent chain ({chain} -> {list[next].Id})"));
                    break;
                }

                current = next == current ? -1 : next;
            }

            foreach (var p in path)
            {
                state[p] = 2;
            }
        }
    }

    private static void CheckReference(List<SiteValidationError> errors, string id, string what, string nodeId, Dictionary<string, int> nodes)
    {
        if (!nodes.ContainsKey(nodeId))
        {
            errors.Add(new(id, $"{what} '{id}': unknown node '{nodeId}'"));
        }
    }

    private static void CheckLimit(List<SiteValidationError> errors, string id, string what, string field, ElectricalLimit limit)
    {
        if (limit.CurrentA < 0 || limit.PowerW < 0 || double.IsNaN(limit.CurrentA ?? 0) || double.IsNaN(limit.PowerW ?? 0))
        {
            errors.Add(new(id, $"{what} '{id}': negative {field} limit ({Num(limit.CurrentA)} A / {Num(limit.PowerW)} W)"));
        }
    }

    private static void CheckNonNegative(List<SiteValidationError> errors, string id, string what, string field, double? value)
    {
        if (value < 0)
        {
            errors.Add(new(id, $"{what} '{id}': {field} must not be negative"));
        }
    }

    private static void CheckNonNegative(List<SiteValidationError> errors, string id, string what, string field, PhaseValues? value)
    {
        if (value is { } v && (v.L1 < 0 || v.L2 < 0 || v.L3 < 0))
        {
            errors.Add(new(id, $"{what} '{id}': {field} must not be negative"));
        }
    }

    private static void CheckPhases(List<SiteValidationError> errors, string id, string what, IReadOnlyList<Phase>? phases)
    {
        if (phases is null)
        {
            return;
        }

        var seen = 0;
        var distinct = true;
        foreach (var phase in phases)
        {
            distinct &= (seen & (1 << (int)phase)) == 0;
            seen |= 1 << (int)phase;
        }

        if (phases.Count is < 1 or > 3 || !distinct)
        {
            errors.Add(new(id, $"{what} '{id}': gridPhases must list 1 to 3 distinct phases"));
        }
    }

    private static string Num(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "-";

    private static string Iso(DateTimeOffset t) => t.ToString("O", CultureInfo.InvariantCulture);
}
