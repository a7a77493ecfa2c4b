namespace CentralSystem.SmartCharging.SiteFormat.Dto;

internal sealed class PhaseStateDto
{
    public int? ActivePhases { get; set; }

    public int? SwitchCount { get; set; }

    public DateTimeOffset? OnePhasePreferredAt { get; set; }
}
