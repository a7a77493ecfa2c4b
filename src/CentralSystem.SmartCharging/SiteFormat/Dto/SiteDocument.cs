namespace CentralSystem.SmartCharging.SiteFormat.Dto;

/// <summary>Root of the site JSON file (see SITE-FORMAT.md).</summary>
internal sealed class SiteDocument
{
    public string? Id { get; set; }

    public DateTimeOffset? At { get; set; }

    public SettingsDto? Settings { get; set; }

    public List<NodeDto>? Nodes { get; set; }

    public List<EvseDto>? Evses { get; set; }

    public List<SiteLoadDto>? SiteLoads { get; set; }

    public List<MeterDto>? Meters { get; set; }

    public List<EnvelopeDto>? Envelopes { get; set; }

    public List<TariffDto>? Tariff { get; set; }
}
