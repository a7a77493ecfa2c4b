namespace CentralSystem.SmartCharging.Topology;

/// <summary>One problem in a site description; <see cref="ElementId"/> names the node, EVSE, load, meter or envelope.</summary>
public sealed record SiteValidationError(string? ElementId, string Message)
{
    public override string ToString() => Message;
}
