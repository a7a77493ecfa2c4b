using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.SiteFormat.Dto;

internal sealed class EnvelopeDto
{
    public string? Id { get; set; }

    public string? Node { get; set; }

    public string? SourceRequestId { get; set; }

    public string? Source { get; set; }

    public EnvelopeQuality? Quality { get; set; }

    public bool? Withdrawn { get; set; }

    public List<EnvelopeBlockDto>? Blocks { get; set; }
}
