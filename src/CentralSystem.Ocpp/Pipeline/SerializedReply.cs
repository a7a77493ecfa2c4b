using CentralSystem.Ocpp.Rpc;

namespace CentralSystem.Ocpp.Pipeline;

/// <summary>A CALLRESULT frame ready to send; PayloadRange locates the payload for outbound validation.</summary>
public readonly record struct SerializedReply(PooledBufferWriter Frame, Range PayloadRange);
