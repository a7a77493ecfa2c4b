namespace CentralSystem.Oscp.Http;

public enum OscpDeliveryOutcome
{
    Delivered,

    /// <summary>5xx, 408, 429 or no answer: try again after a backoff.</summary>
    Retry,

    /// <summary>The peer refused the content (400, 404, 422, …): retrying the same body cannot help.</summary>
    Rejected,

    /// <summary>401/403: our token for the peer is wrong or revoked; flag the registration for an operator.</summary>
    NeedsOperator,
}
