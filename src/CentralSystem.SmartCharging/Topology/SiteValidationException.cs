namespace CentralSystem.SmartCharging.Topology;

/// <summary>Thrown when a site cannot be calculated; carries every problem found, each naming its element.</summary>
public sealed class SiteValidationException : Exception
{
    public SiteValidationException()
        : this([])
    {
    }

    public SiteValidationException(string message)
        : base(message)
    {
        Errors = [new SiteValidationError(null, message)];
    }

    public SiteValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new SiteValidationError(null, message)];
    }

    public SiteValidationException(IReadOnlyList<SiteValidationError> errors)
        : base(errors.Count == 0 ? "invalid site" : string.Join(Environment.NewLine, errors.Select(e => e.Message)))
    {
        Errors = errors;
    }

    public IReadOnlyList<SiteValidationError> Errors { get; }
}
