namespace CentralSystem.Server.Hosting;

/// <summary>
/// Runs socket completions on the runtime's epoll threads instead of queueing each one to the thread pool. A charger
/// round trip is a few microseconds of our code between two syscalls, so the hand-off to a pool thread (a futex
/// wake-up and a context switch each way) was a large share of the server's CPU per Heartbeat; with this and
/// Kestrel's inline scheduling (<c>Transport:InlineScheduling</c>) the server spent ~19-21 µs instead of ~29 µs
/// (README, "Performance"). Nothing on our socket paths blocks a thread, which is what inline completions require.
/// </summary>
public static class InlineSocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// Must run before the first socket is created: the runtime reads the variable once, when its socket engine
    /// starts. An explicit setting in the environment (e.g. <c>0</c> to turn it off) wins.
    /// </summary>
    public static void EnableUnlessConfigured()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}
