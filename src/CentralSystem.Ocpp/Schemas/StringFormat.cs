namespace CentralSystem.Ocpp.Schemas;

// The "format" values the official bundles use; any other one fails compilation.
internal enum StringFormat
{
    None,
    DateTime,
    Uri,
}
