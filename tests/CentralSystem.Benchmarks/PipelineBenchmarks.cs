using System.Net.WebSockets;
using System.Text;
using BenchmarkDotNet.Attributes;
using CentralSystem.Domain.Chargers;
using CentralSystem.Ocpp;
using CentralSystem.Ocpp.Pipeline;
using CentralSystem.Ocpp.Rpc;
using CentralSystem.Ocpp.Schemas;
using CentralSystem.Ocpp.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace CentralSystem.Benchmarks;

/// <summary>
/// Our own per-message cost without the socket: frame parse, schema validation, handler, response serialisation and
/// response validation — what the server adds on top of a bare WebSocket echo for a Heartbeat.
/// Run: dotnet run -c Release --project tests/CentralSystem.Benchmarks -- --filter '*PipelineBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private static readonly byte[] Heartbeat16 = Encoding.UTF8.GetBytes("""[2,"19223201","Heartbeat",{}]""");
    private static readonly byte[] Heartbeat201 = Encoding.UTF8.GetBytes("""[2,"19223201","Heartbeat",{}]""");
    private OcppMessagePipeline _pipeline = null!;
    private ChargePointConnection _connection16 = null!;
    private ChargePointConnection _connection201 = null!;

    [GlobalSetup]
    public void Setup()
    {
        var schemas = OcppSchemaRegistry.LoadOfficial();
        _pipeline = new OcppMessagePipeline(
            [new Ocpp.V16.Core.HeartbeatHandler(), new Ocpp.V201.Provisioning.HeartbeatHandler()],
            schemas,
            NullLogger<OcppMessagePipeline>.Instance);
        _connection16 = Connection(OcppVersion.V16);
        _connection201 = Connection(OcppVersion.V201);
    }

    [Benchmark]
    public int Heartbeat_1_6() => Process(_connection16, Heartbeat16);

    [Benchmark]
    public int Heartbeat_2_0_1() => Process(_connection201, Heartbeat201);

    private int Process(ChargePointConnection connection, byte[] frameBytes)
    {
        if (!FrameParser.TryParse(frameBytes, out var frame, out _))
        {
            throw new InvalidOperationException("benchmark frame must parse");
        }

        var pending = _pipeline.ProcessCallAsync(connection, frame, DateTimeOffset.UnixEpoch, CancellationToken.None);
        using var reply = pending.IsCompletedSuccessfully ? pending.Result : throw new InvalidOperationException("a Heartbeat completes synchronously");
        return reply.WrittenCount;
    }

    private ChargePointConnection Connection(OcppVersion version) => new(
        "CP-BENCH",
        version,
        WebSocket.CreateFromStream(new MemoryStream(), new WebSocketCreationOptions { IsServer = true }),
        new ChargerConnectionSettings(ChargerRegistrationStatus.Accepted, false, false),
        _pipeline,
        new ConnectionRegistry(),
        new NullFrameLog(),
        new OcppOptions(),
        TimeProvider.System,
        NullLogger.Instance,
        CancellationToken.None);

    private sealed class NullFrameLog : IFrameLog
    {
        public void Record(string chargerId, FrameDirection direction, ReadOnlySpan<byte> frame, DateTimeOffset at)
        {
        }
    }
}
