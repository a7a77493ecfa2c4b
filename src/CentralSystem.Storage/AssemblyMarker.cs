namespace CentralSystem.Storage;
internal static class AssemblyMarker;
