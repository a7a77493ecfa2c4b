namespace CentralSystem.Oscp.Registration;

/// <summary>What a presented token resolves to: the peer, its role, and whether the token has been revoked.</summary>
public sealed record OscpPeerCredential(string PeerId, OscpPeerRole Role, bool Revoked = false);
