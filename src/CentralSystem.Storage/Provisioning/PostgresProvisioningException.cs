namespace CentralSystem.Storage.Provisioning;

// Raised when the private local PostgreSQL cluster cannot be found, initialised or started.
// The message is written for the person running the server: it says what to do next.
public class PostgresProvisioningException : Exception
{
    public PostgresProvisioningException()
    {
    }

    public PostgresProvisioningException(string message)
        : base(message)
    {
    }

    public PostgresProvisioningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
