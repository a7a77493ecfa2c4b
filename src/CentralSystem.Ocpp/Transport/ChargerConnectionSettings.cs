using CentralSystem.Domain.Chargers;

namespace CentralSystem.Ocpp.Transport;

/// <summary>Per-charger settings read when the charger connects.</summary>
public sealed record ChargerConnectionSettings(ChargerRegistrationStatus RegistrationStatus, bool LenientValidation, bool LogFrames);
