namespace CentralSystem.Oscp.Envelopes;

public readonly record struct EnvelopeTransition(EnvelopeLifecycleState From, EnvelopeLifecycleState To, DateTimeOffset At);
