using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.SiteFormat.Dto;

internal sealed class PhaseSwitchingDto
{
    public PhaseSwitchMode? Mode { get; set; }

    public int? MaxSwitchesPerSession { get; set; }

    public SwitchLimitStickiness? Stickiness { get; set; }

    public double? PowerHysteresisW { get; set; }

    public TimeSpan? TimeHysteresis { get; set; }
}
