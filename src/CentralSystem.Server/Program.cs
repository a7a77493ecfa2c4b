using CentralSystem.Server.Hosting;

if (args is ["allocate", ..])
{
    return CommandLine.RunAllocate(args[1..]);
}

InlineSocketCompletions.EnableUnlessConfigured();
var builder = WebApplication.CreateBuilder(args);
await builder.AddCentralSystemAsync();

var app = builder.Build();
app.MapCentralSystem();
await app.RunAsync();
return 0;
