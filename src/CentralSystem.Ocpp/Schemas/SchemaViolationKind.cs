namespace CentralSystem.Ocpp.Schemas;

public enum SchemaViolationKind
{
    InvalidJson,
    Type,
    Required,
    AdditionalProperty,
    Enum,
    MaxLength,
    Minimum,
    Maximum,
    MultipleOf,
    MinItems,
    MaxItems,
    AdditionalItems,
    Format,
}
