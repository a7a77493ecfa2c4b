namespace CentralSystem.Ocpp;
internal static class AssemblyMarker;
