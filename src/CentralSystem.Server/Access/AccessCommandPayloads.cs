using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CentralSystem.Domain.Access;
using CentralSystem.Storage.Repositories.Access;

namespace CentralSystem.Server.Access;

/// <summary>The CSMS→charger payloads of a mode switch, per OCPP version (shapes as in the official schemas).</summary>
internal static class AccessCommandPayloads
{
    // OCPP 1.6 IdToken is CiString20Type; 2.0.1 IdTokenType.idToken is identifierString maxLength 36.
    public const int MaxIdTag16 = 20;

    public static byte[] ChangeConfiguration(string key, string value) => Bytes(new JsonObject { ["key"] = key, ["value"] = value });

    public static byte[] ClearCache() => Bytes(new JsonObject());

    /// <summary>2.0.1 B05 SetVariables: AuthCtrlr.Enabled (false = charge without authorisation), and for Managed no offline
    /// charging for unknown ids (C15) and the local list on (D01).</summary>
    public static byte[] SetVariables(AccessMode mode)
    {
        var data = new JsonArray { Variable("AuthCtrlr", "Enabled", mode == AccessMode.Managed ? "true" : "false") };
        if (mode == AccessMode.Managed)
        {
            data.Add(Variable("AuthCtrlr", "OfflineTxForUnknownIdEnabled", "false"));
            data.Add(Variable("LocalAuthListCtrlr", "Enabled", "true"));
        }

        return Bytes(new JsonObject { ["setVariableData"] = data });
    }

    /// <summary>1.6 §5.15 SendLocalList, updateType Full: the whole allow-list replaces what the charger holds.</summary>
    public static byte[] SendLocalList16(int version, IReadOnlyList<AllowedIdentifier> identifiers)
    {
        var payload = new JsonObject { ["listVersion"] = version, ["updateType"] = "Full" };
        var list = new JsonArray();
        foreach (var id in identifiers.Where(i => i.Value.Length <= MaxIdTag16))
        {
            var info = new JsonObject { ["status"] = "Accepted" };
            if (id.ValidTo is { } to)
            {
                info["expiryDate"] = Timestamp(to);
            }

            list.Add(new JsonObject { ["idTag"] = id.Value, ["idTagInfo"] = info });
        }

        if (list.Count > 0)
        {
            payload["localAuthorizationList"] = list;
        }

        return Bytes(payload);
    }

    /// <summary>2.0.1 D01 SendLocalList, updateType Full.</summary>
    public static byte[] SendLocalList201(int version, IReadOnlyList<AllowedIdentifier> identifiers)
    {
        var payload = new JsonObject { ["versionNumber"] = version, ["updateType"] = "Full" };
        var list = new JsonArray();
        foreach (var id in identifiers)
        {
            var info = new JsonObject { ["status"] = "Accepted" };
            if (id.ValidTo is { } to)
            {
                info["cacheExpiryDateTime"] = Timestamp(to);
            }

            list.Add(new JsonObject { ["idToken"] = new JsonObject { ["idToken"] = id.Value, ["type"] = TokenType(id.Type) }, ["idTokenInfo"] = info });
        }

        // The 2.0.1 schema wants at least one entry when the list is present; an empty Full list is the property omitted.
        if (list.Count > 0)
        {
            payload["localAuthorizationList"] = list;
        }

        return Bytes(payload);
    }

    /// <summary>
    /// 1.6 RemoteStartTransaction (idTag, connectorId) or 2.0.1 RequestStartTransaction (remoteStartId, idToken, evseId):
    /// the one payload both the access endpoint and the operator commands send.
    /// </summary>
    public static JsonObject RemoteStart(bool v201, string token, IdentifierType type, int? evseId, int? connectorId)
    {
        var payload = v201
            ? new JsonObject
            {
                ["remoteStartId"] = Random.Shared.Next(1, int.MaxValue),
                ["idToken"] = new JsonObject { ["idToken"] = token, ["type"] = TokenType(type) },
            }
            : new JsonObject { ["idTag"] = token };
        if (v201 && evseId is { } evse)
        {
            payload["evseId"] = evse;
        }
        else if (!v201 && connectorId is { } connector)
        {
            payload["connectorId"] = connector;
        }

        return payload;
    }

    public static string TokenType(IdentifierType type) => type switch
    {
        IdentifierType.Rfid => "ISO14443",
        IdentifierType.Mac => "MacAddress",
        IdentifierType.Pin => "KeyCode",
        _ => "Local",
    };

    private static JsonObject Variable(string component, string variable, string value) => new()
    {
        ["attributeValue"] = value,
        ["component"] = new JsonObject { ["name"] = component },
        ["variable"] = new JsonObject { ["name"] = variable },
    };

    private static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());
}
