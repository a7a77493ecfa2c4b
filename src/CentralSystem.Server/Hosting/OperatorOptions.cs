namespace CentralSystem.Server.Hosting;

public sealed class OperatorOptions
{
    public const string SectionName = "Operator";

    /// <summary>The API key operators send as X-Api-Key. The shipped value is a development default: override it.</summary>
    public string ApiKey { get; set; } = "";
}
