namespace CentralSystem.Server.Hosting;

public sealed class FrameLogOptions
{
    /// <summary>Raw frames older than this are pruned.</summary>
    public int FrameRetentionHours { get; set; } = 24;
}
