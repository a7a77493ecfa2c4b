namespace CentralSystem.Ocpp.Schemas;

// Request is the CALL payload (schema "urn:{Action}.req"), Response the CALLRESULT payload ("urn:{Action}.conf").
public enum PayloadKind
{
    Request,
    Response,
}
