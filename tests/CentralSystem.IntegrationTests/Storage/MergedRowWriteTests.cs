using CentralSystem.Domain.Metering;
using CentralSystem.Domain.Sessions;
using CentralSystem.Domain.Status;
using CentralSystem.Storage.Repositories;
using CentralSystem.Storage.Writes;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CentralSystem.IntegrationTests.Storage;

/// <summary>
/// Status reports and meter readings queued together are written by one merged statement per kind; the results must
/// be what one statement per call would have stored, and one bad row must fail alone.
/// </summary>
[Category("db")]
public sealed class MergedRowWriteTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private NpgsqlDataSource _dataSource = null!;
    private GroupCommitWriter _writer = null!;
    private string _prefix = null!;

    [SetUp]
    public void SetUp()
    {
        _dataSource = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        // One writer loop: while its first commit is in flight every other write queues, so they share a batch.
        _writer = new GroupCommitWriter(_dataSource, Options.Create(new GroupCommitOptions { Writers = 1, MaxBatchSize = 256 }), NullLogger<GroupCommitWriter>.Instance);
        _prefix = "merge-" + Guid.NewGuid().ToString("N")[..8];
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await _writer.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Every_status_report_is_history_and_the_newest_per_connector_is_current(CancellationToken cancellationToken)
    {
        var chargers = Enumerable.Range(0, 8).Select(i => $"{_prefix}-{i}").ToArray();
        await InsertChargersAsync(chargers);
        var repository = new PgConnectorStatusRepository(_writer);

        // Per connector five reports queued at once, out of timestamp order; the newest must win however they batch.
        var reports = new List<ConnectorStatusReport>();
        foreach (var charger in chargers)
        {
            foreach (var minute in new[] { 3, 1, 4, 0, 2 })
            {
                reports.Add(new ConnectorStatusReport(charger, 1, 1, $"S{minute}", "NoError", null, null, T0.AddMinutes(minute), T0.AddMinutes(10)));
            }
        }

        await Task.WhenAll(reports.Select(r => repository.RecordAsync(r, cancellationToken)));

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var history = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM connector_status_history WHERE charger_id = ANY(@chargers)", new { chargers });
        Assert.That(history, Is.EqualTo(reports.Count));
        var current = (await connection.QueryAsync<(string ChargerId, string Status)>(
            "SELECT charger_id, status FROM connector_status WHERE charger_id = ANY(@chargers)", new { chargers })).ToList();
        Assert.That(current, Has.Count.EqualTo(chargers.Length));
        Assert.That(current.Select(c => c.Status), Is.All.EqualTo("S4"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_report_for_an_unknown_charger_fails_alone(CancellationToken cancellationToken)
    {
        var chargers = Enumerable.Range(0, 20).Select(i => $"{_prefix}-{i}").ToArray();
        await InsertChargersAsync(chargers);
        var repository = new PgConnectorStatusRepository(_writer);

        var good = chargers.Select(c => repository.RecordAsync(
            new ConnectorStatusReport(c, 1, 1, "Available", "NoError", null, null, T0, T0), cancellationToken)).ToList();
        var bad = repository.RecordAsync(
            new ConnectorStatusReport($"{_prefix}-unknown", 1, 1, "Available", "NoError", null, null, T0, T0), cancellationToken);

        await Task.WhenAll(good);
        Assert.ThrowsAsync<PostgresException>(async () => await bad);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var stored = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM connector_status WHERE charger_id LIKE @prefix", new { prefix = _prefix + "%" });
        Assert.That(stored, Is.EqualTo(chargers.Length));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_failed_batch_leaves_nothing_behind_before_its_writes_are_retried_one_by_one(CancellationToken cancellationToken)
    {
        var chargers = Enumerable.Range(0, 20).Select(i => $"{_prefix}-{i}").ToArray();
        await InsertChargersAsync(chargers);
        var statuses = new PgConnectorStatusRepository(_writer);
        var sessions = new PgSessionRepository(_dataSource, _writer);

        // A batch mixing kinds where one statement fails: the batch is one transaction, so the good rows written
        // before the failure are rolled back and written once by the retry, never twice.
        var good = chargers.Select(c => statuses.RecordAsync(
            new ConnectorStatusReport(c, 1, 1, "Available", "NoError", null, null, T0, T0), cancellationToken)).ToList();
        var bad = sessions.InsertAsync(
            new NewSession($"{_prefix}-unknown", "tx-1", 1, 1, null, T0, 0, "1.6", []), cancellationToken);
        var moreGood = chargers.Select(c => statuses.RecordAsync(
            new ConnectorStatusReport(c, 2, 1, "Available", "NoError", null, null, T0, T0), cancellationToken)).ToList();

        await Task.WhenAll(good.Concat(moreGood));
        Assert.ThrowsAsync<PostgresException>(async () => await bad);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var history = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM connector_status_history WHERE charger_id = ANY(@chargers)", new { chargers });
        Assert.That(history, Is.EqualTo(chargers.Length * 2));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Meter_readings_are_all_stored_and_widen_each_sessions_registers(CancellationToken cancellationToken)
    {
        var chargers = Enumerable.Range(0, 10).Select(i => $"{_prefix}-{i}").ToArray();
        await InsertChargersAsync(chargers);
        var sessionIds = new Dictionary<string, long>();
        await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken))
        {
            foreach (var charger in chargers)
            {
                sessionIds[charger] = await connection.ExecuteScalarAsync<long>(
                    """
                    INSERT INTO sessions (charger_id, transaction_id, evse_id, connector_id, started_at, meter_start_wh, first_meter_wh, last_meter_wh, status, ocpp_version)
                    VALUES (@charger, 'tx', 1, 1, @t0, 1000, 1000, 1000, 'Active', '1.6') RETURNING id
                    """,
                    new { charger, t0 = T0.UtcDateTime });
            }
        }

        var repository = new PgSessionRepository(_dataSource, _writer);
        var writes = new List<Task>();
        foreach (var charger in chargers)
        {
            // Three calls per session, registers 1100..1300, queued at once; plus one reading outside any transaction.
            for (var call = 1; call <= 3; call++)
            {
                var wh = 1000m + (100 * call);
                var samples = new[]
                {
                    new MeterSample(T0.AddMinutes(call), [new SampledValue(wh - 50, "Energy.Active.Import.Register", "Wh", null, null, null)]),
                    new MeterSample(T0.AddMinutes(call).AddSeconds(30), [new SampledValue(wh, "Energy.Active.Import.Register", "Wh", null, null, null), new SampledValue(7.5m, "Current.Import", "A", "L1", null, null)]),
                };
                writes.Add(repository.RecordMeterReadingsAsync(
                    new MeterReadings(charger, 1, 1, sessionIds[charger], "tx", samples, T0.AddMinutes(call)), wh - 50, wh, cancellationToken));
            }

            writes.Add(repository.RecordMeterReadingsAsync(
                new MeterReadings(charger, 2, 1, null, null, [new MeterSample(T0, [new SampledValue(1m, null, null, null, null, null)])], T0), null, null, cancellationToken));
        }

        await Task.WhenAll(writes);

        await using var check = await _dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await check.QueryAsync<(string ChargerId, long? SessionId, string Values)>(
            "SELECT charger_id, session_id, sampled_values::text FROM meter_readings WHERE charger_id = ANY(@chargers)", new { chargers })).ToList();
        Assert.That(rows, Has.Count.EqualTo(chargers.Length * 7));
        Assert.That(rows.Count(r => r.SessionId is null), Is.EqualTo(chargers.Length));
        Assert.That(rows.Count(r => r.Values.Contains("Current.Import", StringComparison.Ordinal)), Is.EqualTo(chargers.Length * 3));
        var registers = (await check.QueryAsync<(decimal First, decimal Last)>(
            "SELECT first_meter_wh, last_meter_wh FROM sessions WHERE id = ANY(@ids)", new { ids = sessionIds.Values.ToArray() })).ToList();
        Assert.That(registers, Has.Count.EqualTo(chargers.Length));
        Assert.That(registers, Is.All.EqualTo((1000m, 1300m)));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Each_transaction_event_learns_whether_it_was_new(CancellationToken cancellationToken)
    {
        var sessions = new PgSessionRepository(_dataSource, _writer);
        var charger = $"{_prefix}-tx";
        Task<bool> Record(string tx, int seqNo) =>
            sessions.RecordTransactionEventAsync(charger, tx, seqNo, "Updated", T0.AddSeconds(seqNo), $$"""{"seqNo":{{seqNo}}}""", cancellationToken);

        Assert.That(await Record("a", 0), Is.True);

        // Queued at once: retries of stored events, new events, and the same new event twice.
        var retryA0 = Record("a", 0);
        var newA1 = Record("a", 1);
        var newB0 = Record("b", 0);
        var newA2 = Record("a", 2);
        var newA2Again = Record("a", 2);
        var retryA1 = Record("a", 1);
        var results = await Task.WhenAll(retryA0, newA1, newB0, newA2, newA2Again, retryA1);

        Assert.That(results, Is.EqualTo(new[] { false, true, true, true, false, false }));
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var stored = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM transaction_events WHERE charger_id = @charger", new { charger });
        Assert.That(stored, Is.EqualTo(4));
        var payload = await connection.ExecuteScalarAsync<int>(
            "SELECT (payload->>'seqNo')::int FROM transaction_events WHERE charger_id = @charger AND transaction_id = 'a' AND seq_no = 2", new { charger });
        Assert.That(payload, Is.EqualTo(2));
    }

    private async Task InsertChargersAsync(IEnumerable<string> ids)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "INSERT INTO chargers (id, registration_status, created_at) SELECT unnest(@ids), 'Accepted', now()", new { ids = ids.ToArray() });
    }
}
