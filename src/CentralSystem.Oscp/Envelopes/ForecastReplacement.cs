namespace CentralSystem.Oscp.Envelopes;

/// <summary>How a new forecast replaces stored blocks of the same (group, type); unspecified by OSCP (digest §12 Q7).</summary>
public enum ForecastReplacement
{
    /// <summary>Digest §8.1 default: drop or trim stored blocks inside [min start, max end) of the new forecast, keep the rest.</summary>
    SpanReplace,

    /// <summary>Drop every stored block of that (group, type).</summary>
    ReplaceAll,
}
