namespace CentralSystem.SmartCharging.Topology;

/// <summary>1ph/3ph switching while charging (EVerest's switch_3ph1ph_while_charging_mode).</summary>
public enum PhaseSwitchMode
{
    Never,

    /// <summary>Only 3 → 1; never back by itself.</summary>
    Oneway,

    Both,
}
