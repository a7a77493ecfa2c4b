namespace CentralSystem.Domain.Access;

/// <summary>
/// Freevend: anyone may charge and the charger need not ask the CSMS. Managed: every attempt is authorised by the
/// CSMS against the vehicle allow-lists before energy flows.
/// </summary>
public enum AccessMode
{
    Freevend,
    Managed,
}
