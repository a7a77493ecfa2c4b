using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.SiteFormat.Dto;

internal sealed class EvseDto
{
    public string? Id { get; set; }

    public string? Parent { get; set; }

    public SupplyType? Supply { get; set; }

    public int? Phases { get; set; }

    public List<Phase>? GridPhases { get; set; }

    public double? MinCurrentA { get; set; }

    public double? MaxCurrentA { get; set; }

    public double? MinPowerW { get; set; }

    public double? MaxPowerW { get; set; }

    public double? MaxInputCurrentA { get; set; }

    public double? Efficiency { get; set; }

    public bool? CanSwitchPhases { get; set; }

    public ChargingRateUnit? RateUnit { get; set; }

    public int? EvseId { get; set; }

    public SessionDto? Session { get; set; }

    public TelemetryDto? Telemetry { get; set; }

    public PhaseStateDto? PhaseState { get; set; }
}
