namespace CentralSystem.Domain.Metering;

/// <summary>One sampled value, normalised: Value is already scaled to the unit (no 2.0.1 multiplier left).</summary>
public sealed record SampledValue(decimal Value, string? Measurand, string? Unit, string? Phase, string? Context, string? Location);
