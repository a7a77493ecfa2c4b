namespace CentralSystem.SmartCharging.Allocation;

internal enum EvseRole : byte
{
    /// <summary>No vehicle: nothing to allocate.</summary>
    Idle,

    Import,

    Export,

    /// <summary>Telemetry stale: held at its fallback demand, reserved before anybody else.</summary>
    Stale,
}
