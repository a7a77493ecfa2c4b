namespace CentralSystem.Storage.Provisioning;

// The last line of postmaster.pid (PM_STATUS_* in PostgreSQL's pidfile.h).
internal enum PostmasterStatus
{
    Unknown,
    Starting,
    Stopping,
    Ready,
    Standby,
}
