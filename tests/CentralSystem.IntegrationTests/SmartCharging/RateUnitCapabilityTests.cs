using System.Text;
using CentralSystem.Ocpp;
using CentralSystem.Server.SmartCharging;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.IntegrationTests.SmartCharging;

/// <summary>Reading a charger's accepted rate unit from its GetConfiguration (1.6) / GetVariables (2.0.1) answer.</summary>
public class RateUnitCapabilityTests
{
    [TestCase("""{"configurationKey":[{"key":"ChargingScheduleAllowedChargingRateUnit","readonly":true,"value":"Power"}]}""", ChargingRateUnit.W)]
    [TestCase("""{"configurationKey":[{"key":"ChargingScheduleAllowedChargingRateUnit","readonly":true,"value":"Current"}]}""", ChargingRateUnit.A)]
    [TestCase("""{"configurationKey":[{"key":"ChargingScheduleAllowedChargingRateUnit","readonly":true,"value":"Current, Power"}]}""", null)]
    [TestCase("""{"unknownKey":["ChargingScheduleAllowedChargingRateUnit"]}""", null)]
    [TestCase("""{"configurationKey":[{"key":"Other","readonly":true,"value":"Power"}]}""", null)]
    [TestCase("not json", null)]
    public void V16(string answer, ChargingRateUnit? expected) =>
        Assert.That(RateUnitCapability.Parse(OcppVersion.V16, Encoding.UTF8.GetBytes(answer)), Is.EqualTo(expected));

    [TestCase("""{"getVariableResult":[{"attributeStatus":"Accepted","attributeValue":"W","component":{"name":"SmartChargingCtrlr"},"variable":{"name":"RateUnit"}}]}""", ChargingRateUnit.W)]
    [TestCase("""{"getVariableResult":[{"attributeStatus":"Accepted","attributeValue":"A,W","component":{"name":"SmartChargingCtrlr"},"variable":{"name":"RateUnit"}}]}""", null)]
    [TestCase("""{"getVariableResult":[{"attributeStatus":"UnknownVariable","component":{"name":"SmartChargingCtrlr"},"variable":{"name":"RateUnit"}}]}""", null)]
    public void V201(string answer, ChargingRateUnit? expected) =>
        Assert.That(RateUnitCapability.Parse(OcppVersion.V201, Encoding.UTF8.GetBytes(answer)), Is.EqualTo(expected));
}
