using CentralSystem.SmartCharging.Cli;

namespace CentralSystem.SmartCharging.Tests.Support;

public class SmokeTests
{
    [Test]
    public void Example_site_allocates_and_schedules()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = AllocateCommand.Run(["--site", "depot.json", "--horizon", "24h", "--interval", "15m"], _ => TestFiles.ReadSite("depot-example.json"), stdout, stderr);
        TestContext.Out.WriteLine(stdout.ToString());
        TestContext.Out.WriteLine(stderr.ToString());
        Assert.That(code, Is.Zero);
    }
}
