namespace CentralSystem.SmartCharging.Allocation;

/// <summary>A node's effective limit at an instant or over a window, with the source of each component.</summary>
internal readonly record struct NodeLimit(double? CurrentA, LineageEntry? CurrentSource, double? PowerW, LineageEntry? PowerSource);
