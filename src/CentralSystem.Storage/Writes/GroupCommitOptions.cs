namespace CentralSystem.Storage.Writes;

public sealed class GroupCommitOptions
{
    public const string SectionName = "Storage";

    /// <summary>Concurrent writer connections; each commits whatever has queued since its last commit.</summary>
    public int Writers { get; set; } = 2;

    public int MaxBatchSize { get; set; } = 256;
}
