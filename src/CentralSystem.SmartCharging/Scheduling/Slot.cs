namespace CentralSystem.SmartCharging.Scheduling;

/// <summary>One schedule interval [From, To) with its cost for ranking windows.</summary>
internal readonly record struct Slot(DateTimeOffset From, DateTimeOffset To, double Cost)
{
    public double Hours => (To - From).TotalHours;
}
