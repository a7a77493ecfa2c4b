using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// Each EVSE's bounds of the last calculation on a prepared site, with what they were worked out from: the EVSE record
/// (hardware, session and telemetry together, so the same instance means the same inputs), its phases and its role.
/// Between dispatcher runs most EVSEs are handed over unchanged, and working their bounds out again was a tenth of a
/// "now" calculation.
/// </summary>
internal sealed class KeptBounds(int count)
{
    private readonly Evse?[] _evse = new Evse?[count];
    private readonly int[] _phases = new int[count];
    private readonly EvseRole[] _role = new EvseRole[count];
    private readonly BoundsTable _bounds = new(count);

    public bool TryGet(int e, Evse evse, int phases, EvseRole role, out ItemBounds.Bounds bounds)
    {
        if (ReferenceEquals(_evse[e], evse) && _phases[e] == phases && _role[e] == role)
        {
            bounds = _bounds[e];
            return true;
        }

        bounds = default;
        return false;
    }

    public void Keep(int e, Evse evse, int phases, EvseRole role, ItemBounds.Bounds bounds)
    {
        _evse[e] = evse;
        _phases[e] = phases;
        _role[e] = role;
        _bounds[e] = bounds;
    }
}
