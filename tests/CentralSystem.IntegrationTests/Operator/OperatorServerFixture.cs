using CentralSystem.IntegrationTests.Server;

namespace CentralSystem.IntegrationTests.Operator;

/// <summary>One real server with the operator-surface accounts per test class, and clients for the operator and viewer keys.</summary>
public abstract class OperatorServerFixture
{
    protected RunningServer Server { get; private set; } = null!;

    protected HttpClient OperatorClient { get; private set; } = null!;

    protected HttpClient ViewerClient { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        Server = await RunningServer.StartAsync(OperatorServer.Settings);
        OperatorClient = OperatorServer.Client(Server, OperatorServer.OperatorKey);
        ViewerClient = OperatorServer.Client(Server, OperatorServer.ViewerKey);
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        await CleanUpAsync();
        OperatorClient.Dispose();
        ViewerClient.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>Runs before the server stops: the test database is shared across runs, so remove what would leak into them.</summary>
    protected virtual Task CleanUpAsync() => Task.CompletedTask;
}
