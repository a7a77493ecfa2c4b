namespace CentralSystem.Domain.Access;

/// <summary>How a charger identifies a vehicle: RFID uid, MAC / ISO 15118 EVCCID (autocharge), PIN / key code, or other.</summary>
public enum IdentifierType
{
    Rfid,
    Mac,
    Pin,
    Other,
}
