namespace CentralSystem.Ocpp.Rpc;

/// <summary>
/// What went wrong, independent of protocol version; <see cref="RpcErrorCodes"/> spells it the way each version's
/// CALLERROR table does (1.6 §4.2.3, 2.0.1 Part 4 §4.3).
/// </summary>
public enum RpcErrorKind
{
    /// <summary>Payload is syntactically incorrect JSON.</summary>
    FormatViolation,

    /// <summary>Payload does not conform to the PDU structure (unknown property, wrong payload shape).</summary>
    ProtocolError,

    /// <summary>The frame is not a valid OCPP-J RPC message (message id unreadable, wrong element count ...).</summary>
    RpcFrameworkError,

    MessageTypeNotSupported,
    NotImplemented,
    NotSupported,
    InternalError,
    SecurityError,
    GenericError,
    TypeConstraintViolation,
    OccurrenceConstraintViolation,
    PropertyConstraintViolation,
}
