namespace CentralSystem.Domain.Metering;

public sealed record MeterSample(DateTimeOffset Timestamp, IReadOnlyList<SampledValue> Values);
