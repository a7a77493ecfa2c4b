using System.Globalization;
using System.Text.Json.Nodes;
using CentralSystem.SmartCharging.Composite;
using CentralSystem.SmartCharging.Tests.Support;

namespace CentralSystem.SmartCharging.Tests.Composite;

/// <summary>
/// libocpp's OCPP 2.0.1 composite-schedule tests (shared data, 40 cases) as regressions, each request checked exactly
/// as strictly as upstream does ("assertion"): "exact" compares startPeriod and limit of every period (and
/// numberPhases/setpoint where the expectation gives them); "exact_with_phases" also requires absent numberPhases to be
/// absent and allows ±9 s on startPeriod.
/// </summary>
public class CompositeRegressionTests
{
    private static JsonArray Cases() => JsonNode.Parse(File.ReadAllText(TestFiles.SharedData("composite-v201.json")))!["cases"]!.AsArray();

    private static IEnumerable<TestCaseData> CaseIds()
    {
        // Enumerated from the data when present; otherwise one placeholder that reports the data as missing.
        var root = FindRepoRoot();
        var path = root is null ? null : Path.Combine(root, "..", "shared", "data", "smart-charging", "composite-v201.json");
        if (path is null || !File.Exists(path))
        {
            yield return new TestCaseData("(shared data missing)").SetName("Composite_shared_data");
            yield break;
        }

        foreach (var c in JsonNode.Parse(File.ReadAllText(path))!["cases"]!.AsArray())
        {
            var id = (string)c!["id"]!;
            yield return new TestCaseData(id).SetName("Composite_" + id.Replace("/", "_", StringComparison.Ordinal));
        }
    }

    [TestCaseSource(nameof(CaseIds))]
    public void Matches_libocpp(string id)
    {
        var c = Cases().Select(x => x!.AsObject()).FirstOrDefault(x => (string?)x["id"] == id);
        if (c is null)
        {
            Assert.Inconclusive($"case {id} not found in the shared data");
        }

        var station = CompositeCaseAdapter.Station(c!);
        var index = 0;
        foreach (var r in c!["requests"]!.AsArray())
        {
            var request = CompositeCaseAdapter.Request(r!.AsObject());
            var actual = CompositeScheduleCalculator.Calculate(station, request);
            var expected = r["expected"]!.AsObject();
            var assertion = (string)r["assertion"]!;
            var what = $"{id} request {index++} ({assertion})\n  expected {expected["chargingSchedulePeriod"]!.ToJsonString()}\n  actual   {Describe(actual)}";

            Assert.That(actual.Duration, Is.EqualTo((int)expected["duration"]!), what);
            var start = (string?)(expected["scheduleStart"] ?? expected["startSchedule"]);
            if (start is not null)
            {
                Assert.That(actual.ScheduleStart, Is.EqualTo(DateTimeOffset.Parse(start, CultureInfo.InvariantCulture)), what);
            }

            var periods = expected["chargingSchedulePeriod"]!.AsArray();
            Assert.That(actual.Periods, Has.Count.EqualTo(periods.Count), what);
            var strict = assertion == "exact_with_phases";
            for (var i = 0; i < periods.Count; i++)
            {
                var e = periods[i]!.AsObject();
                var a = actual.Periods[i];
                Assert.That(a.StartPeriod, Is.EqualTo((int)e["startPeriod"]!).Within(strict ? 9 : 0), what);
                Assert.That(a.Limit, Is.EqualTo((double)e["limit"]!).Within(1e-6), what);
                if (e["numberPhases"] is { } phases)
                {
                    Assert.That(a.NumberPhases, Is.EqualTo((int)phases), what);
                }
                else if (strict)
                {
                    Assert.That(a.NumberPhases, Is.Null, what);
                }

                if (e["setpoint"] is { } setpoint)
                {
                    Assert.That(a.Setpoint, Is.EqualTo((double)setpoint).Within(1e-6), what);
                }
                else if (strict)
                {
                    Assert.That(a.Setpoint, Is.Null, what);
                }
            }
        }
    }

    private static string Describe(CompositeSchedule s) =>
        "[" + string.Join(", ", s.Periods.Select(p => $"{{{p.StartPeriod}: {p.Limit} ph={p.NumberPhases?.ToString(CultureInfo.InvariantCulture) ?? "-"} sp={p.Setpoint?.ToString(CultureInfo.InvariantCulture) ?? "-"}}}")) + $"] dur={s.Duration} start={s.ScheduleStart:O}";

    private static string? FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CentralSystem.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
