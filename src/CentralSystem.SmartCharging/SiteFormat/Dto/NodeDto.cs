using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.SiteFormat.Dto;

internal sealed class NodeDto
{
    public string? Id { get; set; }

    public string? Parent { get; set; }

    public NodeKind? Kind { get; set; }

    public string? Name { get; set; }

    public LimitDto? Import { get; set; }

    public LimitDto? Export { get; set; }

    public LimitDto? SafeImport { get; set; }

    public List<Phase>? GridPhases { get; set; }

    public SupplyType? Supply { get; set; }

    public double? Efficiency { get; set; }

    public ChargingRateUnit? RateUnit { get; set; }

    public string? ChargePointId { get; set; }

    public DispatchStrategy? Strategy { get; set; }
}
