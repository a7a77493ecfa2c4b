using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// A protocol-neutral limit for one EVSE, ready to become an OCPP charging schedule period: the value in the unit the
/// charger accepts, and the number of phases for AC (null for DC or when not applicable). Negative = discharge.
/// </summary>
public sealed record ChargingLimit(ChargingRateUnit Unit, double Limit, int? NumberPhases);
