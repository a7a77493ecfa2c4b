namespace CentralSystem.Domain;
internal static class AssemblyMarker;
