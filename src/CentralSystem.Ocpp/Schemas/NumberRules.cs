using System.Globalization;
using System.Text;

namespace CentralSystem.Ocpp.Schemas;

// minimum, maximum and multipleOf, in decimal arithmetic so that 0.3 is a multiple of 0.1
// (in binary floating point 0.3 % 0.1 is 0.09999999999999998).
internal sealed class NumberRules
{
    // Below this magnitude a decimal survives the trip through double without overflowing.
    private const decimal DoubleRoundTripLimit = 1e27m;

    private readonly decimal? _minimum;
    private readonly decimal? _maximum;
    private readonly decimal? _multipleOf;

    public NumberRules(decimal? minimum, decimal? maximum, decimal? multipleOf)
    {
        _minimum = minimum;
        _maximum = maximum;
        _multipleOf = multipleOf;
    }

    public void Validate(ref ValidationContext context)
    {
        if (context.Reader.TryGetDecimal(out var value))
        {
            if (value < _minimum)
            {
                ReportMinimum(ref context);
            }

            if (value > _maximum)
            {
                ReportMaximum(ref context);
            }

            if (_multipleOf is { } step && !IsMultiple(value, step))
            {
                ReportMultipleOf(ref context, step);
            }

            return;
        }

        // Beyond decimal's range (about 7.9e28); the reader yields ±Infinity past double's.
        context.Reader.TryGetDouble(out var large);
        if (large < (double?)_minimum)
        {
            ReportMinimum(ref context);
        }

        if (large > (double?)_maximum)
        {
            ReportMaximum(ref context);
        }

        if (_multipleOf is { } largeStep)
        {
            var quotient = large / (double)largeStep;
            if (!double.IsFinite(quotient) || Math.Floor(quotient) != quotient)
            {
                ReportMultipleOf(ref context, largeStep);
            }
        }
    }

    private static bool IsMultiple(decimal value, decimal step)
    {
        if (value % step == 0)
        {
            return true;
        }

        // A charger that computes in double and prints the shortest round-trip form sends
        // 0.30000000000000004 for 0.1 + 0.2. Digits past the 15th are below what a double
        // carries, so they are noise, not intent: the (decimal)(double) round trip rounds to
        // 15 significant digits (the same thing NJsonSchema does implicitly).
        return Math.Abs(value) < DoubleRoundTripLimit && (decimal)(double)value % step == 0;
    }

    private void ReportMinimum(ref ValidationContext context) =>
        context.Report(
            SchemaViolationKind.Minimum,
            "value " + Literal(ref context) + " is less than minimum " + _minimum!.Value.ToString(CultureInfo.InvariantCulture));

    private void ReportMaximum(ref ValidationContext context) =>
        context.Report(
            SchemaViolationKind.Maximum,
            "value " + Literal(ref context) + " exceeds maximum " + _maximum!.Value.ToString(CultureInfo.InvariantCulture));

    private static void ReportMultipleOf(ref ValidationContext context, decimal step) =>
        context.Report(
            SchemaViolationKind.MultipleOf,
            "value " + Literal(ref context) + " is not a multiple of " + step.ToString(CultureInfo.InvariantCulture));

    private static string Literal(ref ValidationContext context) =>
        ValidationContext.Clip(Encoding.UTF8.GetString(context.Reader.ValueSpan));
}
