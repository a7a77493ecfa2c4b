using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.SiteFormat.Dto;

internal sealed class TelemetryDto
{
    public DateTimeOffset? MeasuredAt { get; set; }

    public PhaseValues? CurrentA { get; set; }

    public double? PowerW { get; set; }

    public double? LastAllocatedCurrentA { get; set; }

    public double? LastAllocatedPowerW { get; set; }
}
