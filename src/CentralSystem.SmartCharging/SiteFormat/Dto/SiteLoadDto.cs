using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.SiteFormat.Dto;

internal sealed class SiteLoadDto
{
    public string? Id { get; set; }

    public string? Node { get; set; }

    public PhaseValues? MeasuredCurrentA { get; set; }

    public double? MeasuredPowerW { get; set; }

    public DateTimeOffset? MeasuredAt { get; set; }

    public PhaseValues? ReservedCurrentA { get; set; }

    public double? ReservedPowerW { get; set; }
}
