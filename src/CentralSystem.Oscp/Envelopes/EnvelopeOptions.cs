namespace CentralSystem.Oscp.Envelopes;

/// <summary>Per peer (connection profile) and site settings for turning forecasts into envelopes.</summary>
public sealed record EnvelopeOptions
{
    /// <summary>Phase voltage for A ↔ W (digest §8.2; same default as the site format's nominalVoltageV).</summary>
    public double NominalVoltageV { get; init; } = 230;

    /// <summary>Number of phases of the bound node's supply, for A ↔ W on phase ALL.</summary>
    public int Phases { get; init; } = 3;

    public ForecastReplacement Replacement { get; init; } = ForecastReplacement.SpanReplace;

    public GapPolicy GapPolicy { get; init; } = GapPolicy.UseFallback;

    /// <summary>Import limit for <see cref="GapPolicy.SiteDefault"/> (and UseFallback without fallback blocks); null means 0 W.</summary>
    public NormalizedLimit? SiteDefaultImport { get; init; }

    /// <summary>Digest §3.3 [R]: offline once now &gt; offline_mode_at + a small skew allowance.</summary>
    public TimeSpan OfflineSkew { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How far ahead timelines (and the calculator envelopes built from them) reach.</summary>
    public TimeSpan TimelineHorizon { get; init; } = TimeSpan.FromHours(48);

    /// <summary>How long blocks that ended are kept (compliance, audit) before an edge evaluation prunes them.</summary>
    public TimeSpan RetainEndedBlocks { get; init; } = TimeSpan.FromDays(7);
}
