using System.Globalization;
using CentralSystem.Domain.Access;
using CentralSystem.Domain.Authorization;
using CentralSystem.Domain.Metering;
using CentralSystem.Ocpp.Messages.V16;

namespace CentralSystem.Ocpp.V16;

internal static class V16Mapping
{
    /// <summary>1.6 AuthorizationStatus has no Unknown: an unknown idTag is Invalid (1.6 §7.2).</summary>
    public static IdTagInfo ToIdTagInfo(AuthorizationDecision decision) => new(
        decision.Status switch
        {
            IdTokenStatus.Accepted => "Accepted",
            IdTokenStatus.Blocked => "Blocked",
            IdTokenStatus.Expired => "Expired",
            _ => "Invalid",
        },
        decision.ExpiresAt,
        decision.GroupIdToken);

    /// <summary>
    /// 1.6 has no "not at this time": an access-control denial is Invalid (the charger shows its own message). An
    /// Accepted answer expires at the next mode switch so a cached Freevend "yes" cannot outlive it.
    /// </summary>
    public static IdTagInfo ToIdTagInfo(AccessDecision decision) =>
        decision.DeniedByAccessRules
            ? new IdTagInfo("Invalid")
            : ToIdTagInfo(decision.Token with { Status = decision.Status, ExpiresAt = decision.Allowed ? decision.CacheExpiresAt : decision.Token.ExpiresAt });

    public static IReadOnlyList<MeterSample> ToSamples(IReadOnlyList<MeterValue>? meterValues)
    {
        if (meterValues is null || meterValues.Count == 0)
        {
            return [];
        }

        var samples = new List<MeterSample>(meterValues.Count);
        foreach (var meterValue in meterValues)
        {
            var values = new List<Domain.Metering.SampledValue>(meterValue.SampledValue.Count);
            foreach (var sampled in meterValue.SampledValue)
            {
                // SignedData values are opaque; only Raw numbers feed accounting (they are still stored as received).
                if (sampled.Format == "SignedData"
                    || !decimal.TryParse(sampled.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    continue;
                }

                values.Add(new Domain.Metering.SampledValue(number, sampled.Measurand, sampled.Unit, sampled.Phase, sampled.Context, sampled.Location));
            }

            samples.Add(new MeterSample(meterValue.Timestamp, values));
        }

        return samples;
    }
}
