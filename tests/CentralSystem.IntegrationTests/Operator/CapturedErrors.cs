using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CentralSystem.IntegrationTests.Operator;

/// <summary>Collects the errors a running server logs, for tests whose expected outcome is a logged error.</summary>
internal sealed class CapturedErrors : ILoggerProvider
{
    private readonly ConcurrentQueue<(EventId Id, string Message)> _errors = new();

    public IReadOnlyList<(EventId Id, string Message)> Errors => [.. _errors];

    public ILogger CreateLogger(string categoryName) => new Sink(this);

    public void Dispose()
    {
    }

    private sealed class Sink(CapturedErrors owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner._errors.Enqueue((eventId, formatter(state, exception)));
            }
        }
    }
}
