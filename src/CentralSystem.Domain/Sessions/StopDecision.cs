namespace CentralSystem.Domain.Sessions;

public sealed record StopDecision(StopDecisionKind Kind, SessionCompletion? Completion);
