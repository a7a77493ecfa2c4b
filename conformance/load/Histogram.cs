namespace CentralSystem.LoadGenerator;

/// <summary>Log-scale latency histogram in microseconds (~2% resolution); the same buckets as loadgen.js.</summary>
internal sealed class Histogram
{
    private const int Size = 1400;
    private static readonly double LogBase = Math.Log(1.02);
    private readonly long[] _buckets = new long[Size];
    private long _count;
    private long _sumMicros;
    private long _maxMicros;

    public long Count => Interlocked.Read(ref _count);

    public double MeanMs => Count == 0 ? double.NaN : Interlocked.Read(ref _sumMicros) / (double)Count / 1000.0;

    public double MaxMs => Interlocked.Read(ref _maxMicros) / 1000.0;

    public void Record(double micros)
    {
        var index = micros < 1 ? 0 : Math.Min(Size - 1, (int)(Math.Log(micros) / LogBase) + 1);
        Interlocked.Increment(ref _buckets[index]);
        Interlocked.Increment(ref _count);
        var us = (long)micros;
        Interlocked.Add(ref _sumMicros, us);
        long seen;
        while (us > (seen = Interlocked.Read(ref _maxMicros)) && Interlocked.CompareExchange(ref _maxMicros, us, seen) != seen)
        {
        }
    }

    public double PercentileMs(double p)
    {
        var total = Count;
        if (total == 0)
        {
            return double.NaN;
        }

        var target = (long)Math.Ceiling(p / 100.0 * total);
        long seen = 0;
        for (var i = 0; i < Size; i++)
        {
            seen += Interlocked.Read(ref _buckets[i]);
            if (seen >= target)
            {
                return (i == 0 ? 1 : Math.Pow(1.02, i)) / 1000.0;
            }
        }

        return Math.Pow(1.02, Size - 1) / 1000.0;
    }
}
