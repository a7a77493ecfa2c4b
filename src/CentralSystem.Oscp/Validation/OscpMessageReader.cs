using System.Text.Json;
using CentralSystem.Oscp.Messages;

namespace CentralSystem.Oscp.Validation;

/// <summary>
/// Strict reader for OSCP 2.0 bodies, written from the digest's §6 tables (our own rules; no third-party schema
/// copies, digest §12 Q16) plus the §7.1 semantic checks. It walks a <see cref="JsonDocument"/> instead of binding
/// with System.Text.Json, because the serializer accepts lower-case enums, integer enums, offset-less dates and
/// silently zeroes missing numbers (digest §9). Unknown members are ignored for forward compatibility (digest §9);
/// duplicate members are rejected. Every error names the member path.
/// </summary>
public static partial class OscpMessageReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = 16,
        AllowDuplicateProperties = false,
    };

    public static OscpReadResult Read(OscpMessageKind kind, ReadOnlyMemory<byte> utf8Body, OscpReaderOptions? options = null)
    {
        options ??= OscpReaderOptions.Default;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return OscpReadResult.BadRequest($"body is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            try
            {
                var root = document.RootElement;
                RequireObject(root, "body");
                return kind switch
                {
                    OscpMessageKind.Register => ReadRegister(root, options),
                    OscpMessageKind.Handshake => OscpReadResult.Valid(new HandshakeMessage(OptionalBehaviour(root))),
                    OscpMessageKind.HandshakeAcknowledge => OscpReadResult.Valid(new HandshakeAcknowledgeMessage(OptionalBehaviour(root))),
                    OscpMessageKind.Heartbeat => OscpReadResult.Valid(new HeartbeatMessage(Time(Required(root, "offline_mode_at", ""), "offline_mode_at"))),
                    OscpMessageKind.UpdateGroupCapacityForecast or OscpMessageKind.AdjustGroupCapacityForecast =>
                        OscpReadResult.Valid(ReadForecast(root, options)),
                    OscpMessageKind.GroupCapacityComplianceError => OscpReadResult.Valid(ReadComplianceError(root, options)),
                    OscpMessageKind.UpdateGroupMeasurements => OscpReadResult.Valid(ReadGroupMeasurements(root, options)),
                    OscpMessageKind.UpdateAssetMeasurements => OscpReadResult.Valid(ReadAssetMeasurements(root)),
                    _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown OSCP message kind"),
                };
            }
            catch (OscpInvalidMessageException ex)
            {
                return OscpReadResult.BadRequest(ex.Message);
            }
        }
    }

    public static OscpReadResult Read(OscpMessageKind kind, string body, OscpReaderOptions? options = null) =>
        Read(kind, System.Text.Encoding.UTF8.GetBytes(body), options);

    private static OscpReadResult ReadRegister(JsonElement root, OscpReaderOptions options)
    {
        var token = NonEmptyString(Required(root, "token", ""), "token");
        if (token.Length > options.MaxTokenLength)
        {
            throw Invalid("token", $"is longer than {options.MaxTokenLength} characters");
        }

        var versions = Array(root, "version_url", "", static (e, p) =>
        {
            var version = NonEmptyString(Required(e, "version", p), Join(p, "version"));
            var baseUrlPath = Join(p, "base_url");
            var text = NonEmptyString(Required(e, "base_url", p), baseUrlPath);
            // Uri.TryCreate trims and tolerates spaces; a URL we will call must not carry any.
            if (text.Any(char.IsWhiteSpace) || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw Invalid(baseUrlPath, "must be an absolute http(s) URL");
            }

            return new VersionUrl(version, uri);
        });

        // Digest §3.1 step 3: no common version → 501, not 400.
        if (!versions.Any(v => options.SupportedVersions.Contains(v.Version, StringComparer.Ordinal)))
        {
            return OscpReadResult.NotImplemented(
                $"version_url: no supported version offered (we support {string.Join(", ", options.SupportedVersions)})");
        }

        return OscpReadResult.Valid(new RegisterMessage(token, versions));
    }

    // Digest §12 Q3: required_behaviour is optional on receive; when present, measurement_configuration is required.
    private static RequiredBehaviour? OptionalBehaviour(JsonElement root)
    {
        if (Optional(root, "required_behaviour") is not { } behaviour)
        {
            return null;
        }

        const string path = "required_behaviour";
        RequireObject(behaviour, path);
        int? interval = null;
        if (Optional(behaviour, "heartbeat_interval") is { } intervalElement)
        {
            var seconds = Number(intervalElement, Join(path, "heartbeat_interval"));

            // Digest §6/§7.1: ≥ 1 when present; SN sends 60.0, so accept numbers and round up.
            if (seconds < 1 || seconds > int.MaxValue)
            {
                throw Invalid(Join(path, "heartbeat_interval"), "must be at least 1 second");
            }

            interval = (int)Math.Ceiling(seconds);
        }

        var configPath = Join(path, "measurement_configuration");
        var configs = Array(behaviour, "measurement_configuration", path, static (e, p) => Enum(e, p, OscpWireNames.Measurement), minItems: 0, objectItems: false);
        if (configs.Distinct().Count() != configs.Count)
        {
            throw Invalid(configPath, "items must be unique");
        }

        return new RequiredBehaviour(interval, configs);
    }

    private static GroupCapacityForecastMessage ReadForecast(JsonElement root, OscpReaderOptions options)
    {
        var groupId = NonEmptyString(Required(root, "group_id", ""), "group_id");
        var type = Enum(Required(root, "type", ""), "type", OscpWireNames.ForecastType);
        var blocks = Blocks(root, "", options);
        return new GroupCapacityForecastMessage(groupId, type, blocks);
    }

    private static GroupCapacityComplianceErrorMessage ReadComplianceError(JsonElement root, OscpReaderOptions options)
    {
        var message = NonEmptyString(Required(root, "message", ""), "message");
        var blocks = Optional(root, "forecasted_blocks") is null ? null : Blocks(root, "", options);
        return new GroupCapacityComplianceErrorMessage(message, blocks);
    }

    private static UpdateGroupMeasurementsMessage ReadGroupMeasurements(JsonElement root, OscpReaderOptions options)
    {
        var groupId = NonEmptyString(Required(root, "group_id", ""), "group_id");
        var measurements = Array(root, "measurements", "", static (e, p) => Energy(e, p), minItems: options.AllowEmptyGroupMeasurements ? 0 : 1);
        return new UpdateGroupMeasurementsMessage(groupId, measurements);
    }

    private static UpdateAssetMeasurementsMessage ReadAssetMeasurements(JsonElement root)
    {
        var groupId = NonEmptyString(Required(root, "group_id", ""), "group_id");
        var measurements = Array(root, "measurements", "", static (e, p) =>
        {
            var assetId = NonEmptyString(Required(e, "asset_id", p), Join(p, "asset_id"));
            var category = Enum(Required(e, "asset_category", p), Join(p, "asset_category"), OscpWireNames.Asset);
            var energy = Optional(e, "energy_measurement") is { } en ? Energy(en, Join(p, "energy_measurement")) : null;
            var instant = Optional(e, "instantaneous_measurement") is { } im ? Instantaneous(im, Join(p, "instantaneous_measurement")) : null;

            // Digest §6 [R]: the schema requires neither, but a measurement with no value carries nothing.
            if (energy is null && instant is null)
            {
                throw Invalid(p, "needs energy_measurement or instantaneous_measurement");
            }

            return new AssetMeasurement(assetId, category, energy, instant);
        });
        return new UpdateAssetMeasurementsMessage(groupId, measurements);
    }

    private static EnergyMeasurement Energy(JsonElement e, string p)
    {
        RequireObject(e, p);
        return new EnergyMeasurement(
            Number(Required(e, "value", p), Join(p, "value")),
            Enum(Required(e, "phase", p), Join(p, "phase"), OscpWireNames.Phase),
            Enum(Required(e, "unit", p), Join(p, "unit"), OscpWireNames.EnergyUnit),
            Enum(Required(e, "direction", p), Join(p, "direction"), OscpWireNames.Direction),
            Optional(e, "energy_type") is { } t ? Enum(t, Join(p, "energy_type"), OscpWireNames.EnergyKind) : null,
            Time(Required(e, "measure_time", p), Join(p, "measure_time")),
            Optional(e, "initial_measure_time") is { } i ? Time(i, Join(p, "initial_measure_time")) : null);
    }

    private static InstantaneousMeasurement Instantaneous(JsonElement e, string p)
    {
        RequireObject(e, p);
        return new InstantaneousMeasurement(
            Number(Required(e, "value", p), Join(p, "value")),
            Enum(Required(e, "phase", p), Join(p, "phase"), OscpWireNames.Phase),
            Enum(Required(e, "unit", p), Join(p, "unit"), OscpWireNames.Unit),
            Time(Required(e, "measure_time", p), Join(p, "measure_time")));
    }
}
