namespace CentralSystem.Oscp.Envelopes;

/// <summary>Where a timeline segment's import limit comes from (digest §8.3 <c>mode</c>).</summary>
public enum EnvelopeMode
{
    /// <summary>A CONSUMPTION block while the provider is online.</summary>
    Normal,

    /// <summary>The provider is offline: FALLBACK_CONSUMPTION or the gap policy.</summary>
    Fallback,

    /// <summary>Online, but no CONSUMPTION block covers the instant: FALLBACK_CONSUMPTION or the gap policy.</summary>
    Gap,
}
