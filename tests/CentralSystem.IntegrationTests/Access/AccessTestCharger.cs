using System.Text.Json;
using CentralSystem.IntegrationTests.Server;

namespace CentralSystem.IntegrationTests.Access;

/// <summary>Helpers for a test charger that answers the CSMS's access-mode CALLs.</summary>
internal static class AccessTestCharger
{
    /// <summary>Reads the next frame, checks it is a CALL of <paramref name="action"/>, answers it, and returns its payload.</summary>
    public static async Task<JsonElement> ExpectCallAsync(this TestCharger charger, string action, object response, TimeSpan? timeout = null)
    {
        var frame = await charger.ReceiveAsync(timeout ?? TimeSpan.FromSeconds(15));
        Assert.That(frame[0].GetInt32(), Is.EqualTo(2), $"expected a CALL {action}, got {frame}");
        Assert.That(frame[2].GetString(), Is.EqualTo(action), $"expected {action}, got {frame}");
        await charger.SendRawAsync(JsonSerializer.Serialize(new object[] { 3, frame[1].GetString()!, response }));
        return frame[3];
    }

    public static object Accepted => new { status = "Accepted" };

    public static object SetVariablesAnswer(JsonElement request, string status = "Accepted") => new
    {
        setVariableResult = request.GetProperty("setVariableData").EnumerateArray().Select(d => new
        {
            attributeStatus = status,
            component = new { name = d.GetProperty("component").GetProperty("name").GetString() },
            variable = new { name = d.GetProperty("variable").GetProperty("name").GetString() },
        }).ToArray(),
    };

    /// <summary>Answers a SetVariables CALL, using the request to build the matching result list.</summary>
    public static async Task<JsonElement> ExpectSetVariablesAsync(this TestCharger charger, string status = "Accepted")
    {
        var frame = await charger.ReceiveAsync(TimeSpan.FromSeconds(15));
        Assert.That(frame[2].GetString(), Is.EqualTo("SetVariables"), $"expected SetVariables, got {frame}");
        await charger.SendRawAsync(JsonSerializer.Serialize(new object[] { 3, frame[1].GetString()!, SetVariablesAnswer(frame[3], status) }));
        return frame[3];
    }
}
