using System.Net;
using CentralSystem.IntegrationTests.Server;

namespace CentralSystem.IntegrationTests.Operator;

/// <summary>Accounts for the operator-surface tests, passed to <see cref="RunningServer"/> as configuration.</summary>
internal static class OperatorServer
{
    public const string ViewerKey = "test-viewer-key-0123456789";
    public const string OperatorKey = "test-operator-key-0123456789";
    public const string ViewerPassword = "viewer-pass-1";
    public const string OperatorPassword = "operator-pass-1";

    public static readonly string[] Settings =
    [
        "--Operator:Users:0:Name=t-viewer", $"--Operator:Users:0:Password={ViewerPassword}", "--Operator:Users:0:Role=viewer",
        "--Operator:Users:1:Name=t-operator", $"--Operator:Users:1:Password={OperatorPassword}", "--Operator:Users:1:Role=operator",
        "--Operator:Users:2:Name=t-admin", "--Operator:Users:2:Password=admin-pass-1", "--Operator:Users:2:Role=admin",
        $"--Operator:ApiKeys:0:Key={ViewerKey}", "--Operator:ApiKeys:0:Name=viewer-key", "--Operator:ApiKeys:0:Role=viewer",
        $"--Operator:ApiKeys:1:Key={OperatorKey}", "--Operator:ApiKeys:1:Name=operator-key", "--Operator:ApiKeys:1:Role=operator",
        "--Ocpp:CallTimeoutSeconds=2",
    ];

    public static HttpClient Client(RunningServer server, string? apiKey)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
        {
            BaseAddress = server.BaseUri,
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }
}
