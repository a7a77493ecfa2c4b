namespace CentralSystem.Ocpp.Schemas;

public sealed class SchemaValidationResult
{
    // Violations are collected in document order and capped, so that a hostile payload with
    // thousands of defects cannot make us build an equally large error list.
    public const int MaxViolations = 20;

    internal SchemaValidationResult(IReadOnlyList<SchemaViolation> violations)
    {
        Violations = violations;
    }

    public static SchemaValidationResult Valid { get; } = new([]);

    public bool IsValid => Violations.Count == 0;

    public IReadOnlyList<SchemaViolation> Violations { get; }

    public override string ToString() =>
        IsValid ? "valid" : string.Join("; ", Violations.Select(v => v.Message));
}
