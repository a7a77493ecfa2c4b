using CentralSystem.Ocpp.Schemas;

namespace CentralSystem.Ocpp.Rpc;

public static class RpcErrorCodes
{
    /// <summary>The error code string each version defines for the kind of failure.</summary>
    public static string Spell(RpcErrorKind kind, OcppVersion version) => version switch
    {
        OcppVersion.V16 => kind switch
        {
            // OCPP-J 1.6 §4.2.3 has neither FormatViolation, RpcFrameworkError nor MessageTypeNotSupported:
            // FormationViolation covers "syntactically incorrect or not conform the PDU structure".
            RpcErrorKind.FormatViolation => "FormationViolation",
            RpcErrorKind.ProtocolError => "FormationViolation",
            RpcErrorKind.RpcFrameworkError => "FormationViolation",
            RpcErrorKind.MessageTypeNotSupported => "FormationViolation",
            RpcErrorKind.NotImplemented => "NotImplemented",
            RpcErrorKind.NotSupported => "NotSupported",
            RpcErrorKind.InternalError => "InternalError",
            RpcErrorKind.SecurityError => "SecurityError",
            RpcErrorKind.TypeConstraintViolation => "TypeConstraintViolation",
            RpcErrorKind.OccurrenceConstraintViolation => "OccurenceConstraintViolation", // sic: the 1.6 spelling
            RpcErrorKind.PropertyConstraintViolation => "PropertyConstraintViolation",
            _ => "GenericError",
        },
        _ => kind switch
        {
            RpcErrorKind.FormatViolation => "FormatViolation",
            RpcErrorKind.ProtocolError => "ProtocolError",
            RpcErrorKind.RpcFrameworkError => "RpcFrameworkError",
            RpcErrorKind.MessageTypeNotSupported => "MessageTypeNotSupported",
            RpcErrorKind.NotImplemented => "NotImplemented",
            RpcErrorKind.NotSupported => "NotSupported",
            RpcErrorKind.InternalError => "InternalError",
            RpcErrorKind.SecurityError => "SecurityError",
            RpcErrorKind.TypeConstraintViolation => "TypeConstraintViolation",
            RpcErrorKind.OccurrenceConstraintViolation => "OccurrenceConstraintViolation",
            RpcErrorKind.PropertyConstraintViolation => "PropertyConstraintViolation",
            _ => "GenericError",
        },
    };

    /// <summary>Maps a schema violation onto the CALLERROR tables' categories.</summary>
    public static RpcErrorKind ForViolation(SchemaViolationKind kind) => kind switch
    {
        SchemaViolationKind.InvalidJson => RpcErrorKind.FormatViolation,
        SchemaViolationKind.AdditionalProperty => RpcErrorKind.ProtocolError,
        SchemaViolationKind.Type => RpcErrorKind.TypeConstraintViolation,
        SchemaViolationKind.Required or SchemaViolationKind.MinItems or SchemaViolationKind.MaxItems
            or SchemaViolationKind.AdditionalItems => RpcErrorKind.OccurrenceConstraintViolation,
        _ => RpcErrorKind.PropertyConstraintViolation,
    };
}
