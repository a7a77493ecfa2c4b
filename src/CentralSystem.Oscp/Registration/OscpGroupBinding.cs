namespace CentralSystem.Oscp.Registration;

/// <summary>An OSCP group_id of one capacity provider bound to a node of a site's electrical tree (digest §4.1 [R]).</summary>
public sealed record OscpGroupBinding(string GroupId, string SiteId, string NodeId);
