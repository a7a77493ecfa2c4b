namespace CentralSystem.Tests.Oscp;

/// <summary>A clock the test moves by hand (the project has no Microsoft.Extensions.TimeProvider.Testing pin yet).</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    public void SetUtcNow(DateTimeOffset to) => _now = to;
}
