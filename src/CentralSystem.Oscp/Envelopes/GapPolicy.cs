namespace CentralSystem.Oscp.Envelopes;

/// <summary>
/// What limits a gap (no CONSUMPTION/GENERATION block, or the provider offline) once no FALLBACK_* block covers it
/// (digest §8.3). Never "unlimited".
/// </summary>
public enum GapPolicy
{
    /// <summary>Fallback blocks, then the site default, then 0 W.</summary>
    UseFallback,

    /// <summary>Fallback blocks, then the latest primary block that started at or before the instant.</summary>
    LastKnown,

    /// <summary>Fallback blocks, then <see cref="EnvelopeOptions.SiteDefaultImport"/> (0 W if not set).</summary>
    SiteDefault,

    /// <summary>Fallback blocks, then 0 W.</summary>
    Zero,
}
