using CentralSystem.Ocpp;

namespace CentralSystem.Benchmarks;

// Payloads shaped like what real chargers send (values made up).
internal static class SchemaBenchmarkPayloads
{
    public static readonly IReadOnlyDictionary<string, (OcppVersion Version, string Action, string Payload)> All =
        new Dictionary<string, (OcppVersion, string, string)>(StringComparer.Ordinal)
        {
            ["1.6 Heartbeat"] = (OcppVersion.V16, "Heartbeat", "{}"),
            ["1.6 BootNotification"] = (OcppVersion.V16, "BootNotification", """
                {"chargePointVendor":"Alfen BV","chargePointModel":"NG920-5250X","chargePointSerialNumber":"ACE0123456",
                 "chargeBoxSerialNumber":"ACE0123456","firmwareVersion":"4.12.0-3104","iccid":"8931087118112231234",
                 "imsi":"204080812345678","meterType":"Carlo Gavazzi EM340","meterSerialNumber":"KZ1234567"}
                """),
            ["2.0.1 BootNotification"] = (OcppVersion.V201, "BootNotification", """
                {"reason":"PowerUp","chargingStation":{"model":"Terra AC W22-T-R-0","vendorName":"ABB",
                 "serialNumber":"TACW2241123G1234","firmwareVersion":"1.8.21",
                 "modem":{"iccid":"8931087118112231234","imsi":"204080812345678"}}}
                """),
            ["1.6 MeterValues"] = (OcppVersion.V16, "MeterValues", """
                {"connectorId":1,"transactionId":12345,"meterValue":[{"timestamp":"2024-05-01T12:30:00Z","sampledValue":[
                 {"value":"12345.6","context":"Sample.Periodic","format":"Raw","measurand":"Energy.Active.Import.Register","location":"Outlet","unit":"Wh"},
                 {"value":"7360","context":"Sample.Periodic","measurand":"Power.Active.Import","unit":"W"},
                 {"value":"16.0","context":"Sample.Periodic","measurand":"Current.Import","phase":"L1","unit":"A"},
                 {"value":"15.9","context":"Sample.Periodic","measurand":"Current.Import","phase":"L2","unit":"A"},
                 {"value":"16.1","context":"Sample.Periodic","measurand":"Current.Import","phase":"L3","unit":"A"},
                 {"value":"230.1","context":"Sample.Periodic","measurand":"Voltage","phase":"L1-N","unit":"V"},
                 {"value":"54","context":"Sample.Periodic","measurand":"SoC","location":"EV","unit":"Percent"}]}]}
                """),
            ["2.0.1 TransactionEvent"] = (OcppVersion.V201, "TransactionEvent", """
                {"eventType":"Updated","timestamp":"2024-05-01T12:30:00.000Z","triggerReason":"MeterValuePeriodic","seqNo":12,
                 "transactionInfo":{"transactionId":"f3b2c1d0-1234-4a5b-9c8d-0e1f2a3b4c5d","chargingState":"Charging","timeSpentCharging":1800},
                 "offline":false,"evse":{"id":1,"connectorId":1},"idToken":{"idToken":"04A2B3C4D5E6F7","type":"ISO14443"},
                 "meterValue":[{"timestamp":"2024-05-01T12:30:00.000Z","sampledValue":[
                  {"value":12345.6,"context":"Sample.Periodic","measurand":"Energy.Active.Import.Register","location":"Outlet","unitOfMeasure":{"unit":"Wh","multiplier":0}},
                  {"value":7360,"context":"Sample.Periodic","measurand":"Power.Active.Import","unitOfMeasure":{"unit":"W"}},
                  {"value":16.0,"context":"Sample.Periodic","measurand":"Current.Import","phase":"L1"},
                  {"value":15.9,"context":"Sample.Periodic","measurand":"Current.Import","phase":"L2"},
                  {"value":16.1,"context":"Sample.Periodic","measurand":"Current.Import","phase":"L3"},
                  {"value":54,"context":"Sample.Periodic","measurand":"SoC","location":"EV"}]}]}
                """),
        };
}
