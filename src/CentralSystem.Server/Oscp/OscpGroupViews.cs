using CentralSystem.Oscp.Envelopes;
using CentralSystem.Oscp.Messages;

namespace CentralSystem.Server.Oscp;

/// <summary>The operator shape of a group (API and dashboard push): binding, lifecycle, timeline, compliance.</summary>
public static class OscpGroupViews
{
    public static GroupView From(GroupEnvelopeView view, OscpGroupCompliance? compliance)
    {
        ArgumentNullException.ThrowIfNull(view);
        var c = compliance;
        return new GroupView(
            view.GroupId, view.PeerId, view.Binding?.SiteId, view.Binding?.NodeId, view.State.ToString(), view.OfflineModeAt, view.NextEdge,
            [.. view.Timeline.Select(s => new TimelineSegmentView(
                s.From, s.To, s.Import.PowerW, s.Export.PowerW, s.Import.MinPhaseA, s.Mode.ToString(),
                s.ImportSource is { } type ? OscpWireNames.ForecastType.ToWire(type) : null, s.RequestId, s.IsFresh))],
            c is null ? null : new ComplianceView(c.MeasuredW, c.AllowedW, c.Compliant, c.Reason, c.ExceededSince, c.At));
    }
}
