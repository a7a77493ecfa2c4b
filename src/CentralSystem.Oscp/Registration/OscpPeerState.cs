namespace CentralSystem.Oscp.Registration;

/// <summary>Digest §3.4 peer state machine (offline/fallback is tracked per group by the envelope tracker).</summary>
public enum OscpPeerState
{
    /// <summary>Created by an operator; its first token (TOKEN_A) went out-of-band.</summary>
    AwaitingRegister,

    /// <summary>The peer registered; our Register reply (TOKEN_C) is queued but not yet acknowledged with 204.</summary>
    RegisteredPendingReply,

    Registered,

    /// <summary>A handshake (either direction) completed.</summary>
    Active,

    /// <summary>DELETE /register: every token revoked, groups withdrawn.</summary>
    Unregistered,
}
