namespace CentralSystem.SmartCharging.SiteFormat.Dto;

internal sealed class EnvelopeBlockDto
{
    public DateTimeOffset? From { get; set; }

    public DateTimeOffset? To { get; set; }

    public LimitDto? Import { get; set; }

    public LimitDto? Export { get; set; }
}
