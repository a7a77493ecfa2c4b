using CentralSystem.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
await builder.AddCentralSystemAsync();

var app = builder.Build();
app.MapCentralSystem();
await app.RunAsync();
return 0;
