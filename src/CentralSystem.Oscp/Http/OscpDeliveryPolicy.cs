namespace CentralSystem.Oscp.Http;

/// <summary>Digest §7.2 outbound rules: only 204 is success; retry 5xx and network errors with exponential backoff.</summary>
public static class OscpDeliveryPolicy
{
    /// <param name="statusCode">The peer's status, or null when the request failed or timed out without one.</param>
    public static OscpDeliveryOutcome Classify(int? statusCode) => statusCode switch
    {
        null => OscpDeliveryOutcome.Retry,
        204 => OscpDeliveryOutcome.Delivered,
        401 or 403 => OscpDeliveryOutcome.NeedsOperator,
        408 or 429 or >= 500 and not 501 => OscpDeliveryOutcome.Retry,

        // 200 with a body is not OSCP (SolarNetwork: "expected 204"); 501 means no common version.
        _ => OscpDeliveryOutcome.Rejected,
    };

    /// <summary>Delay before attempt <paramref name="attempt"/> (2 = first retry): initial × 2^(attempt − 2), capped.</summary>
    public static TimeSpan Backoff(int attempt, TimeSpan initial, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 2);
        var exponent = Math.Min(attempt - 2, 30);
        var delay = TimeSpan.FromTicks((long)Math.Min(initial.Ticks * Math.Pow(2, exponent), max.Ticks));
        return delay;
    }
}
