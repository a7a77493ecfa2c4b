using System.Text.Json;
using CentralSystem.Oscp.Messages;

namespace CentralSystem.Tests.Oscp;

/// <summary>The shared sample messages (../shared/data/oscp/valid relative to the repo root); absent outside CI.</summary>
internal static class OscpSamples
{
    public static string? ValidDirectory { get; } = Locate();

    public static IEnumerable<TestCaseData> Valid()
    {
        if (ValidDirectory is null)
        {
            yield return new TestCaseData("(samples missing)").SetName("Valid_sample_(samples missing)");
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(ValidDirectory, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            yield return new TestCaseData(name).SetName($"Valid_sample_{name}");
        }
    }

    public static (OscpMessageKind Kind, string Body) Load(string fileName)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(ValidDirectory!, fileName)));
        var schema = doc.RootElement.GetProperty("_schema").GetString();
        return (KindOf(schema!), doc.RootElement.GetProperty("body").GetRawText());
    }

    public static OscpMessageKind KindOf(string schema) => schema switch
    {
        "register" => OscpMessageKind.Register,
        "handshake" => OscpMessageKind.Handshake,
        "handshake-acknowledge" => OscpMessageKind.HandshakeAcknowledge,
        "heartbeat" => OscpMessageKind.Heartbeat,
        "update-group-capacity-forecast" => OscpMessageKind.UpdateGroupCapacityForecast,
        "adjust-group-capacity-forecast" => OscpMessageKind.AdjustGroupCapacityForecast,
        "group-capacity-compliance-error" => OscpMessageKind.GroupCapacityComplianceError,
        "update-group-measurements" => OscpMessageKind.UpdateGroupMeasurements,
        "update-asset-measurements" => OscpMessageKind.UpdateAssetMeasurements,
        _ => throw new InvalidOperationException($"unknown _schema {schema}"),
    };

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CentralSystem.sln")))
            {
                var samples = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "oscp", "valid"));
                return Directory.Exists(samples) ? samples : null;
            }
        }

        return null;
    }
}
