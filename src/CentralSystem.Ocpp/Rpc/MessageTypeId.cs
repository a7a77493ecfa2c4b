namespace CentralSystem.Ocpp.Rpc;

/// <summary>OCPP-J message type numbers (1.6 §4.1.3, 2.0.1 Part 4 §4.1.3).</summary>
public enum MessageTypeId
{
    Call = 2,
    CallResult = 3,
    CallError = 4,
}
