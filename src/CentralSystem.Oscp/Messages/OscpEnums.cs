namespace CentralSystem.Oscp.Messages;

// OSCP 2.0 enums (digest §6). The wire names are upper-case and case-sensitive; OscpWireNames maps them.

public enum CapacityForecastType
{
    Consumption,
    Generation,
    FallbackConsumption,
    FallbackGeneration,
    Optimum,
}

/// <summary>ForecastedBlockUnit and InstantaneousMeasurementUnit share these values (digest §6).</summary>
public enum CapacityUnit
{
    A,
    W,
    KW,
    WH,
    KWH,
}

public enum EnergyMeasurementUnit
{
    WH,
    KWH,
}

public enum PhaseIndicator
{
    Unknown,
    One,
    Two,
    Three,
    All,
}

public enum MeasurementConfiguration
{
    Continuous,
    Intermittent,
}

public enum EnergyFlowDirection
{
    Net,
    Import,
    Export,
}

public enum EnergyType
{
    Flexible,
    NonFlexible,
    Total,
}

public enum AssetCategory
{
    Charging,
    Consumption,
    Generation,
    Storage,
}
