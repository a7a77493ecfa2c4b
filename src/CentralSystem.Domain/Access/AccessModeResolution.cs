namespace CentralSystem.Domain.Access;

/// <summary>The mode in force at an instant and why: the rule that applied, or null for the schedule's default.</summary>
public sealed record AccessModeResolution(AccessMode Mode, AccessRule? Rule)
{
    public const string DefaultRuleName = "(default)";

    public string RuleName => Rule?.Name ?? DefaultRuleName;
}
