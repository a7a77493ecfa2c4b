namespace CentralSystem.SmartCharging.SiteFormat.Dto;

internal sealed class TariffDto
{
    public DateTimeOffset? From { get; set; }

    public DateTimeOffset? To { get; set; }

    public double? PricePerKwh { get; set; }

    public double? CarbonGPerKwh { get; set; }
}
