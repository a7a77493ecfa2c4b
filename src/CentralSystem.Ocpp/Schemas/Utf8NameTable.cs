using System.Text;

namespace CentralSystem.Ocpp.Schemas;

// Finds a UTF-8 string among a small fixed set (property names, enum values) without turning
// the payload's bytes into a string: candidates are bucketed by byte length, so a lookup is
// one array read plus a memcmp against the few names of that length.
internal sealed class Utf8NameTable
{
    private readonly byte[][] _names;
    private readonly int[] _indices;
    private readonly int[] _bucketStart;

    public Utf8NameTable(IReadOnlyList<string> names)
    {
        var entries = names
            .Select((name, index) => (Bytes: Encoding.UTF8.GetBytes(name), Index: index))
            .OrderBy(entry => entry.Bytes.Length)
            .ToArray();

        MaxByteLength = entries.Length == 0 ? 0 : entries[^1].Bytes.Length;
        _names = entries.Select(entry => entry.Bytes).ToArray();
        _indices = entries.Select(entry => entry.Index).ToArray();

        // _bucketStart[n].._bucketStart[n + 1] are the entries of byte length n.
        _bucketStart = new int[MaxByteLength + 2];
        var next = 0;
        for (var length = 0; length <= MaxByteLength + 1; length++)
        {
            while (next < entries.Length && entries[next].Bytes.Length < length)
            {
                next++;
            }

            _bucketStart[length] = next;
        }
    }

    public int MaxByteLength { get; }

    // The index the name had in the constructor's list, or -1.
    public int Find(ReadOnlySpan<byte> utf8)
    {
        var length = utf8.Length;
        if (length > MaxByteLength)
        {
            return -1;
        }

        var end = _bucketStart[length + 1];
        for (var i = _bucketStart[length]; i < end; i++)
        {
            if (utf8.SequenceEqual(_names[i]))
            {
                return _indices[i];
            }
        }

        return -1;
    }
}
