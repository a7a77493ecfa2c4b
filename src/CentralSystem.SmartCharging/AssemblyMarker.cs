namespace CentralSystem.SmartCharging;
internal static class AssemblyMarker;
