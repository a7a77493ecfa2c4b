namespace CentralSystem.Domain.Chargers;

/// <summary>Reported by the charger in BootNotification (vendor, model, serial, firmware ...).</summary>
public sealed record ChargerIdentity(
    string Vendor,
    string Model,
    string? SerialNumber,
    string? FirmwareVersion,
    string? Iccid,
    string? Imsi,
    string? MeterType,
    string? MeterSerialNumber);
