using CentralSystem.Domain.Access;
using CentralSystem.Domain.Authorization;
using CentralSystem.Domain.Metering;
using CentralSystem.Ocpp.Messages.V201;

namespace CentralSystem.Ocpp.V201;

internal static class V201Mapping
{
    public static IdTokenInfo ToIdTokenInfo(AuthorizationDecision decision) => new(
        decision.Status.ToString(),
        decision.ExpiresAt,
        decision.GroupIdToken is null ? null : new IdToken(decision.GroupIdToken, "Central"));

    /// <summary>
    /// An access-control denial is NotAtThisTime with a personalMessage telling the driver why (C01 / E05 idTokenInfo);
    /// an Accepted answer's cacheExpiryDateTime is the next mode switch, so the Authorization Cache cannot bypass Managed.
    /// </summary>
    public static IdTokenInfo ToIdTokenInfo(AccessDecision decision) =>
        decision.DeniedByAccessRules
            ? new IdTokenInfo("NotAtThisTime", PersonalMessage: decision.PersonalMessage is { } text ? new MessageContent("UTF8", text) : null)
            : ToIdTokenInfo(decision.Token with { Status = decision.Status, ExpiresAt = decision.Allowed ? decision.CacheExpiresAt : decision.Token.ExpiresAt });

    /// <summary>2.0.1 values carry a power-of-ten multiplier; normalised here so the domain sees plain units.</summary>
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
                var multiplier = sampled.UnitOfMeasure?.Multiplier ?? 0;
                var value = multiplier == 0 ? sampled.Value : sampled.Value * (decimal)Math.Pow(10, multiplier);
                values.Add(new Domain.Metering.SampledValue(value, sampled.Measurand, sampled.UnitOfMeasure?.Unit, sampled.Phase, sampled.Context, sampled.Location));
            }

            samples.Add(new MeterSample(meterValue.Timestamp, values));
        }

        return samples;
    }
}
