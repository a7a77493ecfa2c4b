using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.Server.SmartCharging;

/// <summary>The latest measurement from one EVSE (MeterValues / TransactionEvent meter values).</summary>
internal sealed record LiveTelemetry(DateTimeOffset MeasuredAt, PhaseValues? CurrentA, double? PowerW);
