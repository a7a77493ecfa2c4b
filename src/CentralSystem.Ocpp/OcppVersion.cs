namespace CentralSystem.Ocpp;

public enum OcppVersion
{
    V16,
    V201,
}
