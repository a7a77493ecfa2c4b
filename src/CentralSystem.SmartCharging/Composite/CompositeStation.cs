namespace CentralSystem.SmartCharging.Composite;

/// <summary>What a charger holds: its EVSEs, its profiles and its settings.</summary>
public sealed record CompositeStation(int NumberOfEvses)
{
    public CompositeSettings Settings { get; init; } = new();

    public IReadOnlyList<ChargingProfile> Profiles { get; init; } = [];
}
