using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.SiteFormat.Dto;

internal sealed class MeterDto
{
    public string? Id { get; set; }

    public string? Node { get; set; }

    public PhaseValues? CurrentA { get; set; }

    public double? PowerW { get; set; }

    public DateTimeOffset? MeasuredAt { get; set; }
}
