using System.Text.Json.Nodes;
using CentralSystem.Oscp.Messages;
using CentralSystem.Oscp.Validation;

namespace CentralSystem.Tests.Oscp.Schemas;

/// <summary>The embedded schema documents themselves: one per message plus the error body, loadable, and consistent.</summary>
[TestFixture]
public sealed class OscpJsonSchemasTests
{
    private const string Draft07 = "http://json-schema.org/draft-07/schema#";

    [Test]
    public void Every_message_kind_has_a_draft_07_schema_of_ours([Values] OscpMessageKind kind)
    {
        var name = OscpJsonSchemas.NameOf(kind);
        var document = JsonNode.Parse(OscpJsonSchemas.Get(kind))!.AsObject();

        Assert.That((string?)document["$schema"], Is.EqualTo(Draft07));
        Assert.That((string?)document["$id"], Is.EqualTo($"urn:centralsystem:oscp:2.0:{name}"));
        Assert.That((string?)document["type"], Is.EqualTo("object"));
        Assert.That(OscpSchemaValidator.Load(name), Is.Not.Null);
    }

    [Test]
    public void Names_are_the_endpoint_suffixes_plus_error()
    {
        var expected = Enum.GetValues<OscpMessageKind>().Select(OscpJsonSchemas.NameOf).Append(OscpJsonSchemas.ErrorName).Order(StringComparer.Ordinal);

        Assert.That(OscpJsonSchemas.AllNames, Is.EqualTo(expected));
        Assert.That(OscpJsonSchemas.NameOf(OscpMessageKind.HandshakeAcknowledge), Is.EqualTo("handshake_acknowledge"));
    }

    [Test]
    public void Embedded_documents_are_the_files_under_schemas_oscp()
    {
        var directory = SchemaDirectory();
        if (directory is null)
        {
            Assert.Inconclusive("schemas/oscp/2.0 is not next to the test output (not run from a checkout)");
        }

        var files = Directory.GetFiles(directory!, "*.schema.json").ToDictionary(f => Path.GetFileName(f)[..^".schema.json".Length], File.ReadAllText);

        Assert.That(files.Keys.Order(StringComparer.Ordinal), Is.EqualTo(OscpJsonSchemas.AllNames));
        foreach (var name in OscpJsonSchemas.AllNames)
        {
            Assert.That(OscpJsonSchemas.Get(name), Is.EqualTo(files[name]), name);
        }
    }

    // The files are self-contained (each can be served and used alone), so shared types are repeated; they must not drift.
    [Test]
    public void Shared_definitions_are_identical_in_every_file()
    {
        var definitions =
            from name in OscpJsonSchemas.AllNames
            let document = JsonNode.Parse(OscpJsonSchemas.Get(name))!
            where document["definitions"] is JsonObject
            from definition in document["definitions"]!.AsObject()
            select (File: name, Type: definition.Key, Schema: definition.Value!);

        foreach (var group in definitions.GroupBy(d => d.Type))
        {
            var first = group.First();
            foreach (var other in group.Skip(1))
            {
                Assert.That(JsonNode.DeepEquals(first.Schema, other.Schema), Is.True, $"{group.Key} differs between {first.File} and {other.File}");
            }
        }
    }

    [Test]
    public void No_third_party_identifiers()
    {
        // Digest §12 Q16: the published copies carry OCA $ids and an unclear licence; ours must not look like them.
        foreach (var name in OscpJsonSchemas.AllNames)
        {
            Assert.That(OscpJsonSchemas.Get(name), Does.Not.Contain("openchargealliance").IgnoreCase.And.Not.Contain("solarnetwork").IgnoreCase, name);
        }
    }

    [TestCase("""{"message":"group_id: is required"}""", true)]
    [TestCase("{}", true)]
    [TestCase("""{"message":1}""", false)]
    [TestCase("[]", false)]
    public void Error_body_schema(string body, bool valid)
    {
        Assert.That(OscpSchemaValidator.Errors(OscpJsonSchemas.ErrorName, body), valid ? Is.Empty : Is.Not.Empty);
        Assert.That(OscpJsonSchemas.GetError(), Is.EqualTo(OscpJsonSchemas.Get(OscpJsonSchemas.ErrorName)));
    }

    [Test]
    public void Unknown_names_throw()
    {
        Assert.Throws<KeyNotFoundException>(() => OscpJsonSchemas.Get("nope"));
        Assert.Throws<ArgumentOutOfRangeException>(() => OscpJsonSchemas.NameOf((OscpMessageKind)99));
    }

    private static string? SchemaDirectory()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CentralSystem.sln")))
            {
                var schemas = Path.Combine(dir.FullName, "schemas", "oscp", "2.0");
                return Directory.Exists(schemas) ? schemas : null;
            }
        }

        return null;
    }
}
