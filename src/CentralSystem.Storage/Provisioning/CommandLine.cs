namespace CentralSystem.Storage.Provisioning;

// A program and its argument vector. Arguments are passed to the process one by one
// (ProcessStartInfo.ArgumentList), never through a shell, so paths with spaces need no quoting.
internal sealed record CommandLine(string FileName, IReadOnlyList<string> Arguments)
{
    public override string ToString() =>
        string.Join(' ', new[] { FileName }.Concat(Arguments).Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a));
}
