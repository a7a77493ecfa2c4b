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
