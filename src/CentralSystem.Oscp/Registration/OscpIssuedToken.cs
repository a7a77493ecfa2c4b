namespace CentralSystem.Oscp.Registration;

/// <summary>
/// A token we issued to a peer, kept only as its SHA-256 hash. <see cref="PendingReply"/> marks TOKEN_C while our
/// Register reply is undelivered: it already authenticates, and its delivery revokes every older token.
/// </summary>
public sealed record OscpIssuedToken(byte[] Hash, bool Revoked, bool PendingReply);
