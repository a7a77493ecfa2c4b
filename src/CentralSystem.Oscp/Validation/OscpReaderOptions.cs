namespace CentralSystem.Oscp.Validation;

/// <summary>Per connection-profile switches for the policy questions the digest leaves open.</summary>
public sealed record OscpReaderOptions
{
    public static OscpReaderOptions Default { get; } = new();

    /// <summary>Digest §7.1: mixed units within one forecast are a policy question; strict by default.</summary>
    public bool RejectMixedUnits { get; init; } = true;

    /// <summary>Digest §12 Q5: the schema says minItems 1, spec prose allows an empty measurement list.</summary>
    public bool AllowEmptyGroupMeasurements { get; init; }

    /// <summary>Protocol versions we speak; a Register offering none of them is answered 501 (digest §3.1).</summary>
    public IReadOnlyList<string> SupportedVersions { get; init; } = ["2.0"];

    /// <summary>Digest §1 [R]: store ≥ 1 KB tokens; anything longer is refused rather than truncated.</summary>
    public int MaxTokenLength { get; init; } = 1024;
}
