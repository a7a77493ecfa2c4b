using Microsoft.Extensions.Logging;

namespace CentralSystem.IntegrationTests;

// Writes log lines straight to NUnit's progress stream. The console logger writes from a
// background thread, outside any test's captured output, so its lines were simply lost.
public sealed class ProgressLoggerProvider(LogLevel minimumLevel) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new ProgressLogger(categoryName[(categoryName.LastIndexOf('.') + 1)..], minimumLevel);

    public void Dispose()
    {
    }

    private sealed class ProgressLogger(string category, LogLevel minimumLevel) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimumLevel && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var line = $"{TimeProvider.System.GetUtcNow():HH:mm:ss.fff} {logLevel.ToString()[..4].ToLowerInvariant()} {category}[{eventId.Id}] {formatter(state, exception)}";
            TestContext.Progress.WriteLine(exception is null ? line : line + Environment.NewLine + exception);
        }
    }
}
