using System.Text.Json.Nodes;
using CentralSystem.Ocpp;

namespace CentralSystem.Server.Commands;

// Configuration: 1.6 GetConfiguration/ChangeConfiguration keys, 2.0.1 GetVariables/SetVariables (device model).
public static partial class CommandEndpoints
{
    private static Task<IResult> GetConfigurationAsync(string id, GetConfigurationCommand body, CommandRunner runner, HttpContext http, CancellationToken ct)
    {
        if (!runner.TryGetConnection(id, out var connection))
        {
            return Task.FromResult(CommandRunner.NotConnected(id));
        }

        if (connection.Version == OcppVersion.V201)
        {
            return Task.FromResult(CommandRunner.WrongVersion(id, "2.0.1", "use commands/variables/get"));
        }

        var errors = new Errors();
        var keys = body.Keys ?? [];
        for (var i = 0; i < keys.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(keys[i]) || keys[i].Length > 50)
            {
                errors.Add($"keys[{i}]", "each key is 1 to 50 characters (OCPP 1.6 CiString50Type)");
            }
        }

        if (errors.Any)
        {
            return Task.FromResult(errors.Result);
        }

        var payload = new JsonObject();
        if (keys.Count > 0)
        {
            payload["key"] = new JsonArray([.. keys.Select(k => (JsonNode?)JsonValue.Create(k))]);
        }

        return runner.RunAsync(http.User, id, "get-configuration", "GetConfiguration", payload, ct, "keys");
    }

    private static Task<IResult> ChangeConfigurationAsync(string id, ChangeConfigurationCommand body, CommandRunner runner, HttpContext http, CancellationToken ct)
    {
        if (!runner.TryGetConnection(id, out var connection))
        {
            return Task.FromResult(CommandRunner.NotConnected(id));
        }

        if (connection.Version == OcppVersion.V201)
        {
            return Task.FromResult(CommandRunner.WrongVersion(id, "2.0.1", "use commands/variables/set"));
        }

        var errors = new Errors();
        if (string.IsNullOrWhiteSpace(body.Key) || body.Key.Length > 50)
        {
            errors.Add("key", "key is required, 1 to 50 characters (OCPP 1.6 CiString50Type)");
        }

        if (body.Value is null || body.Value.Length > 500)
        {
            errors.Add("value", "value is required, at most 500 characters (OCPP 1.6 CiString500Type)");
        }

        if (errors.Any)
        {
            return Task.FromResult(errors.Result);
        }

        return runner.RunAsync(http.User, id, "change-configuration", "ChangeConfiguration", new JsonObject { ["key"] = body.Key, ["value"] = body.Value }, ct);
    }

    private static Task<IResult> GetVariablesAsync(string id, GetVariablesCommand body, CommandRunner runner, HttpContext http, CancellationToken ct)
    {
        if (!runner.TryGetConnection(id, out var connection))
        {
            return Task.FromResult(CommandRunner.NotConnected(id));
        }

        if (connection.Version != OcppVersion.V201)
        {
            return Task.FromResult(CommandRunner.WrongVersion(id, "1.6", "use commands/configuration/get"));
        }

        var errors = new Errors();
        var variables = body.Variables ?? [];
        if (variables.Count == 0)
        {
            errors.Add("variables", "variables is required: at least one {component, variable}");
        }

        var data = new JsonArray();
        for (var i = 0; i < variables.Count; i++)
        {
            var v = variables[i];
            CheckReference(errors, $"variables[{i}]", v.Component, v.Variable, v.AttributeType, v.EvseId);
            data.Add(Reference(v.Component, v.Variable, v.AttributeType, v.EvseId, v.Instance));
        }

        if (errors.Any)
        {
            return Task.FromResult(errors.Result);
        }

        return runner.RunAsync(http.User, id, "get-variables", "GetVariables", new JsonObject { ["getVariableData"] = data }, ct, "variables");
    }

    private static Task<IResult> SetVariablesAsync(string id, SetVariablesCommand body, CommandRunner runner, HttpContext http, CancellationToken ct)
    {
        if (!runner.TryGetConnection(id, out var connection))
        {
            return Task.FromResult(CommandRunner.NotConnected(id));
        }

        if (connection.Version != OcppVersion.V201)
        {
            return Task.FromResult(CommandRunner.WrongVersion(id, "1.6", "use commands/configuration/change"));
        }

        var errors = new Errors();
        var variables = body.Variables ?? [];
        if (variables.Count == 0)
        {
            errors.Add("variables", "variables is required: at least one {component, variable, value}");
        }

        var data = new JsonArray();
        for (var i = 0; i < variables.Count; i++)
        {
            var v = variables[i];
            CheckReference(errors, $"variables[{i}]", v.Component, v.Variable, v.AttributeType, v.EvseId);
            if (v.Value is null || v.Value.Length > 1000)
            {
                errors.Add($"variables[{i}].value", "value is required, at most 1000 characters (OCPP 2.0.1 attributeValue)");
            }

            var item = Reference(v.Component, v.Variable, v.AttributeType, v.EvseId, v.Instance);
            item["attributeValue"] = v.Value;
            data.Add(item);
        }

        if (errors.Any)
        {
            return Task.FromResult(errors.Result);
        }

        return runner.RunAsync(http.User, id, "set-variables", "SetVariables", new JsonObject { ["setVariableData"] = data }, ct, "variables");
    }

    private static void CheckReference(Errors errors, string prefix, string? component, string? variable, string? attributeType, int? evseId)
    {
        if (string.IsNullOrWhiteSpace(component) || component.Length > 50)
        {
            errors.Add($"{prefix}.component", "component is required, 1 to 50 characters");
        }

        if (string.IsNullOrWhiteSpace(variable) || variable.Length > 50)
        {
            errors.Add($"{prefix}.variable", "variable is required, 1 to 50 characters");
        }

        if (attributeType is not (null or "Actual" or "Target" or "MinSet" or "MaxSet"))
        {
            errors.Add($"{prefix}.attributeType", "attributeType is Actual, Target, MinSet or MaxSet");
        }

        errors.Positive($"{prefix}.evseId", evseId);
    }

    private static JsonObject Reference(string? component, string? variable, string? attributeType, int? evseId, string? instance)
    {
        var componentNode = new JsonObject { ["name"] = component };
        if (evseId is { } evse)
        {
            componentNode["evse"] = new JsonObject { ["id"] = evse };
        }

        var variableNode = new JsonObject { ["name"] = variable };
        if (instance is not null)
        {
            variableNode["instance"] = instance;
        }

        var node = new JsonObject { ["component"] = componentNode, ["variable"] = variableNode };
        if (attributeType is not null)
        {
            node["attributeType"] = attributeType;
        }

        return node;
    }
}
