namespace CentralSystem.Server.Auth;

/// <summary>Endpoint metadata: only the <c>admin</c> role may call it (charger registration, credentials, raw CALLs).</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class AdminOnlyAttribute : Attribute;
