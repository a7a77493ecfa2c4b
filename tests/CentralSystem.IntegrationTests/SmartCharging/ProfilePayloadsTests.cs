using System.Text.Json;
using System.Text;
using CentralSystem.Ocpp;
using CentralSystem.Ocpp.Schemas;
using CentralSystem.Server.SmartCharging;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.IntegrationTests.SmartCharging;

// Pure unit tests (no database); they live here because this project references the server assembly.
public class ProfilePayloadsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public void V16_TxProfile_names_the_transaction_connector_and_validity()
    {
        var spec = new ProfileSpec(DispatchPurpose.TxProfile, 2, ChargingRateUnit.A, 15.5, 3) { TransactionId = "42" };
        var json = JsonDocument.Parse(ProfilePayloads.Build(OcppVersion.V16, spec, Now, Now.AddMinutes(15))).RootElement;
        Assert.That(json.GetProperty("connectorId").GetInt32(), Is.EqualTo(2));
        var p = json.GetProperty("csChargingProfiles");
        Assert.That(p.GetProperty("chargingProfilePurpose").GetString(), Is.EqualTo("TxProfile"));
        Assert.That(p.GetProperty("transactionId").GetInt32(), Is.EqualTo(42));
        Assert.That(p.GetProperty("stackLevel").GetInt32(), Is.EqualTo(1));
        Assert.That(p.GetProperty("validTo").GetString(), Is.EqualTo("2026-11-21T10:15:00Z"));
        var period = p.GetProperty("chargingSchedule").GetProperty("chargingSchedulePeriod")[0];
        Assert.That(period.GetProperty("limit").GetDouble(), Is.EqualTo(15.5));
        Assert.That(period.GetProperty("numberPhases").GetInt32(), Is.EqualTo(3));
        Assert.That(p.GetProperty("chargingSchedule").GetProperty("chargingRateUnit").GetString(), Is.EqualTo("A"));
    }

    [Test]
    public void V201_station_max_goes_on_evse_0_with_a_schedule_array()
    {
        var spec = new ProfileSpec(DispatchPurpose.StationMax, 0, ChargingRateUnit.W, 11000, null);
        var json = JsonDocument.Parse(ProfilePayloads.Build(OcppVersion.V201, spec, Now, Now.AddMinutes(15))).RootElement;
        Assert.That(json.GetProperty("evseId").GetInt32(), Is.Zero);
        var p = json.GetProperty("chargingProfile");
        Assert.That(p.GetProperty("chargingProfilePurpose").GetString(), Is.EqualTo("ChargingStationMaxProfile"));
        Assert.That(p.TryGetProperty("transactionId", out _), Is.False);
        var schedule = p.GetProperty("chargingSchedule")[0];
        Assert.That(schedule.GetProperty("chargingRateUnit").GetString(), Is.EqualTo("W"));
        Assert.That(schedule.GetProperty("chargingSchedulePeriod")[0].TryGetProperty("numberPhases", out _), Is.False);
    }

    [Test]
    public void Safe_defaults_sit_at_stack_level_0_without_validity()
    {
        var spec = new ProfileSpec(DispatchPurpose.SafeTxDefault, 0, ChargingRateUnit.A, 6, 3);
        var p = JsonDocument.Parse(ProfilePayloads.Build(OcppVersion.V201, spec, Now, null)).RootElement.GetProperty("chargingProfile");
        Assert.That(p.GetProperty("chargingProfilePurpose").GetString(), Is.EqualTo("TxDefaultProfile"));
        Assert.That(p.GetProperty("stackLevel").GetInt32(), Is.Zero);
        Assert.That(p.TryGetProperty("validTo", out _), Is.False);
    }

    [Test]
    public void Limits_are_truncated_never_rounded_up()
    {
        Assert.That(ProfileSpec.RoundLimit(ChargingRateUnit.A, 10.67), Is.EqualTo(10.6));
        Assert.That(ProfileSpec.RoundLimit(ChargingRateUnit.W, 7359.9), Is.EqualTo(7359));
    }

    [TestCase("ac-1/2", 2)]
    [TestCase("ac-1", 1)]
    [TestCase("ac/x", 1)]
    public void Default_evse_id_is_the_number_after_the_last_slash(string id, int expected) =>
        Assert.That(SiteBinding.DefaultEvseId(id), Is.EqualTo(expected));

    private static readonly OcppSchemaRegistry Schemas = OcppSchemaRegistry.LoadOfficial();

    [Test]
    public void Every_payload_shape_is_valid_against_the_official_schemas(
        [Values(OcppVersion.V16, OcppVersion.V201)] OcppVersion version,
        [Values] DispatchPurpose purpose,
        [Values(ChargingRateUnit.A, ChargingRateUnit.W)] ChargingRateUnit unit)
    {
        var evse = purpose == DispatchPurpose.TxProfile ? 1 : 0;
        var spec = new ProfileSpec(purpose, evse, unit, unit == ChargingRateUnit.A ? 13.7 : 9200, unit == ChargingRateUnit.A ? 1 : null)
        {
            TransactionId = purpose == DispatchPurpose.TxProfile ? "17" : null,
        };
        var validTo = ProfilePayloads.IsSafeDefault(spec) ? (DateTimeOffset?)null : Now.AddMinutes(15);
        var payload = ProfilePayloads.Build(version, spec, Now, validTo);
        var result = Schemas.Find(version, "SetChargingProfile", PayloadKind.Request)!.Validate(Encoding.UTF8.GetBytes(payload));
        Assert.That(result.IsValid, Is.True, $"{payload}: {(result.IsValid ? string.Empty : result.Violations[0].Message)}");
    }
}
