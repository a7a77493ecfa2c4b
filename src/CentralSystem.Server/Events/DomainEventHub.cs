using System.Threading.Channels;
using CentralSystem.Domain.Chargers;
using CentralSystem.Domain.Events;
using CentralSystem.Ocpp;
using CentralSystem.Ocpp.Transport;

namespace CentralSystem.Server.Events;

/// <summary>
/// The in-process event stream: publishers (session service, status service, connections) never wait; every
/// subscriber gets its own bounded queue and loop, so a slow one (a browser push, a recalculation) cannot hold up a
/// charger's messages or another subscriber. A full queue drops its oldest events and counts them.
/// </summary>
public sealed partial class DomainEventHub : BackgroundService, IDomainEventSink, IChargerSessionObserver
{
    private const int QueueCapacity = 20_000;
    private const int MaxBatch = 1_000;

    private readonly (IDomainEventSubscriber Subscriber, Channel<DomainEvent> Queue)[] _subscribers;
    private readonly TimeProvider _time;
    private readonly ILogger<DomainEventHub> _logger;
    private long _dropped;

    public DomainEventHub(IEnumerable<IDomainEventSubscriber> subscribers, TimeProvider time, ILogger<DomainEventHub> logger)
    {
        _subscribers = subscribers
            .Select(s => (s, Channel.CreateBounded<DomainEvent>(new BoundedChannelOptions(QueueCapacity)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.DropOldest,
            }, _ => Interlocked.Increment(ref _dropped))))
            .ToArray();
        _time = time;
        _logger = logger;
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Publish(DomainEvent domainEvent)
    {
        foreach (var (_, queue) in _subscribers)
        {
            queue.Writer.TryWrite(domainEvent);
        }
    }

    public void OnConnected(string chargerId, OcppVersion version) =>
        Publish(new ChargerConnectionChanged(_time.GetUtcNow(), chargerId, true, version == OcppVersion.V201 ? "2.0.1" : "1.6"));

    public void OnBooted(string chargerId, OcppVersion version, ChargerRegistrationStatus status)
    {
    }

    public void OnDisconnected(string chargerId, OcppVersion version) =>
        Publish(new ChargerConnectionChanged(_time.GetUtcNow(), chargerId, false, version == OcppVersion.V201 ? "2.0.1" : "1.6"));

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_subscribers.Select(s => RunAsync(s.Subscriber, s.Queue.Reader, stoppingToken)));

    private async Task RunAsync(IDomainEventSubscriber subscriber, ChannelReader<DomainEvent> reader, CancellationToken stoppingToken)
    {
        var batch = new List<DomainEvent>();
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                try
                {
                    await subscriber.HandleAsync(batch, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSubscriberFailed(ex, subscriber.GetType().Name, batch.Count);
                }

                batch.Clear();
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Error, Message = "Event subscriber {Subscriber} failed on a batch of {Count}")]
    private partial void LogSubscriberFailed(Exception exception, string subscriber, int count);
}
