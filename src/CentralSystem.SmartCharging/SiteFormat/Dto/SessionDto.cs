using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.SiteFormat.Dto;

internal sealed class SessionDto
{
    public string? VehicleId { get; set; }

    public ChargingDirection? Direction { get; set; }

    public double? MaxCurrentA { get; set; }

    public double? MaxPowerW { get; set; }

    public int? Phases { get; set; }

    public double? EnergyNeededWh { get; set; }

    public DateTimeOffset? DepartureAt { get; set; }

    public int? Priority { get; set; }

    public double? Weight { get; set; }

    public DateTimeOffset? StartedAt { get; set; }
}
