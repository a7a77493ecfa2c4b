namespace CentralSystem.Server.Access;

/// <summary>Section "Access": scheduled managed access (issue #3).</summary>
public sealed class AccessOptions
{
    public const string SectionName = "Access";

    /// <summary>Quartz clustering over the shared job store; off for a single node. Every node needs the same database.</summary>
    public bool Clustered { get; set; }

    /// <summary>
    /// Delay before applying a mode to a charger that just connected or booted, so our CALLs follow the
    /// BootNotification answer instead of racing it.
    /// </summary>
    public double ApplyDelaySeconds { get; set; } = 1;

    /// <summary>Push own + agreement identifiers as the charger's local list on entering Managed.</summary>
    public bool SendLocalList { get; set; } = true;

    /// <summary>
    /// 1.6 has no standard free-vend switch: the vendor key per charger model, looked up as "Vendor/Model", then "Model".
    /// A model without an entry is switched CSMS-side only.
    /// </summary>
    public Dictionary<string, FreevendKeySetting> V16FreevendKeys { get; set; } = [];

    /// <summary>Per-charger override of <see cref="V16FreevendKeys"/>, by charger id (a Key of "" means none).</summary>
    public Dictionary<string, FreevendKeySetting> V16FreevendKeyOverrides { get; set; } = [];
}

/// <summary>The 1.6 ChangeConfiguration key that turns a model's free vend on or off, and the value for each mode.</summary>
public sealed class FreevendKeySetting
{
    public string Key { get; set; } = "";

    public string ManagedValue { get; set; } = "false";

    public string FreevendValue { get; set; } = "true";
}
