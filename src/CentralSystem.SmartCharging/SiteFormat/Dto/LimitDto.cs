namespace CentralSystem.SmartCharging.SiteFormat.Dto;

internal sealed class LimitDto
{
    public double? CurrentA { get; set; }

    public double? PowerW { get; set; }
}
