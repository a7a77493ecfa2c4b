namespace CentralSystem.Oscp.Envelopes;

/// <summary>Told after every committed change to a group's envelope (outside OSCP's own lock): feed the calculator, reschedule edges.</summary>
public interface IOscpEnvelopeListener
{
    void OnGroupChanged(GroupEnvelopeView view);
}
