using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.SiteFormat.Dto;

internal sealed class SettingsDto
{
    public double? NominalVoltageV { get; set; }

    public TimeSpan? TelemetryMaxAge { get; set; }

    public StaleDemandPolicy? StaleDemand { get; set; }

    public bool? PhaseAware { get; set; }

    public bool? NetExportAgainstImport { get; set; }

    public double? MeasuredDemandHeadroomA { get; set; }

    public double? CarbonWeight { get; set; }

    public PhaseSwitchingDto? PhaseSwitching { get; set; }
}
