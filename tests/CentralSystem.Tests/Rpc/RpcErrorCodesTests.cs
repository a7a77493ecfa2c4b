using CentralSystem.Ocpp;
using CentralSystem.Ocpp.Rpc;
using CentralSystem.Ocpp.Schemas;

namespace CentralSystem.Tests.Rpc;

public class RpcErrorCodesTests
{
    [TestCase(RpcErrorKind.OccurrenceConstraintViolation, OcppVersion.V16, "OccurenceConstraintViolation")]
    [TestCase(RpcErrorKind.OccurrenceConstraintViolation, OcppVersion.V201, "OccurrenceConstraintViolation")]
    [TestCase(RpcErrorKind.FormatViolation, OcppVersion.V16, "FormationViolation")]
    [TestCase(RpcErrorKind.FormatViolation, OcppVersion.V201, "FormatViolation")]
    [TestCase(RpcErrorKind.RpcFrameworkError, OcppVersion.V16, "FormationViolation")]
    [TestCase(RpcErrorKind.RpcFrameworkError, OcppVersion.V201, "RpcFrameworkError")]
    [TestCase(RpcErrorKind.MessageTypeNotSupported, OcppVersion.V201, "MessageTypeNotSupported")]
    [TestCase(RpcErrorKind.ProtocolError, OcppVersion.V201, "ProtocolError")]
    [TestCase(RpcErrorKind.NotImplemented, OcppVersion.V16, "NotImplemented")]
    [TestCase(RpcErrorKind.NotSupported, OcppVersion.V201, "NotSupported")]
    [TestCase(RpcErrorKind.TypeConstraintViolation, OcppVersion.V16, "TypeConstraintViolation")]
    [TestCase(RpcErrorKind.PropertyConstraintViolation, OcppVersion.V201, "PropertyConstraintViolation")]
    [TestCase(RpcErrorKind.SecurityError, OcppVersion.V16, "SecurityError")]
    [TestCase(RpcErrorKind.InternalError, OcppVersion.V201, "InternalError")]
    public void Each_version_uses_its_own_spelling(RpcErrorKind kind, OcppVersion version, string expected) =>
        Assert.That(RpcErrorCodes.Spell(kind, version), Is.EqualTo(expected));

    private static readonly string[] V16Codes =
    [
        "NotImplemented", "NotSupported", "InternalError", "ProtocolError", "SecurityError", "FormationViolation",
        "PropertyConstraintViolation", "OccurenceConstraintViolation", "TypeConstraintViolation", "GenericError",
    ];

    [Test]
    public void Every_1_6_spelling_is_in_the_1_6_table()
    {
        foreach (var kind in Enum.GetValues<RpcErrorKind>())
        {
            Assert.That(V16Codes, Does.Contain(RpcErrorCodes.Spell(kind, OcppVersion.V16)), kind.ToString());
        }
    }

    [TestCase(SchemaViolationKind.Type, RpcErrorKind.TypeConstraintViolation)]
    [TestCase(SchemaViolationKind.Required, RpcErrorKind.OccurrenceConstraintViolation)]
    [TestCase(SchemaViolationKind.MaxItems, RpcErrorKind.OccurrenceConstraintViolation)]
    [TestCase(SchemaViolationKind.Enum, RpcErrorKind.PropertyConstraintViolation)]
    [TestCase(SchemaViolationKind.MaxLength, RpcErrorKind.PropertyConstraintViolation)]
    [TestCase(SchemaViolationKind.Format, RpcErrorKind.PropertyConstraintViolation)]
    [TestCase(SchemaViolationKind.AdditionalProperty, RpcErrorKind.ProtocolError)]
    [TestCase(SchemaViolationKind.InvalidJson, RpcErrorKind.FormatViolation)]
    public void Schema_violations_map_to_the_CALLERROR_categories(SchemaViolationKind violation, RpcErrorKind expected) =>
        Assert.That(RpcErrorCodes.ForViolation(violation), Is.EqualTo(expected));
}
