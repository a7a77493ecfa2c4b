using System.Text;
using System.Text.Json;
using CentralSystem.Storage.Repositories.Access;

namespace CentralSystem.Server.Access;

/// <summary>
/// Reads an agreement-vehicle import: CSV with a header row (agreementId, vehicleId, vehicleName, identifierType,
/// identifier; vehicleName optional) — line numbers are the file's physical lines, the header being line 1 — or a JSON
/// array of objects with the same fields, where "line" is the element's 1-based position.
/// </summary>
internal static class AgreementImportParser
{
    public const int MaxRows = 100_000;
    private static readonly string[] Columns = ["agreementId", "vehicleId", "vehicleName", "identifierType", "identifier"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static (List<ImportRow> Rows, List<ImportError> Errors) ParseCsv(string text)
    {
        var rows = new List<ImportRow>();
        var errors = new List<ImportError>();
        var records = ReadCsv(text).ToList();
        if (records.Count == 0)
        {
            errors.Add(new ImportError(1, "header", $"empty file: the first line must name the columns {string.Join(",", Columns)}"));
            return (rows, errors);
        }

        var header = records[0].Fields.Select(f => f.Trim()).ToList();
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            if (!Columns.Contains(header[i], StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new ImportError(1, "header", $"unknown column '{header[i]}': expected {string.Join(",", Columns)}"));
            }
            else if (!index.TryAdd(header[i], i))
            {
                errors.Add(new ImportError(1, "header", $"column '{header[i]}' appears twice"));
            }
        }

        foreach (var required in Columns.Where(c => c != "vehicleName" && !index.ContainsKey(c)))
        {
            errors.Add(new ImportError(1, "header", $"missing column '{required}'"));
        }

        if (errors.Count > 0)
        {
            return (rows, errors);
        }

        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Count == 1 && string.IsNullOrWhiteSpace(fields[0]))
            {
                continue; // blank line
            }

            if (fields.Count != header.Count)
            {
                errors.Add(new ImportError(line, "row", $"{fields.Count} fields where the header has {header.Count}"));
                continue;
            }

            string? Field(string name) => index.TryGetValue(name, out var i) && fields[i].Trim() is { Length: > 0 } value ? value : null;
            Validate(new ImportRowBody(Field("agreementId"), Field("vehicleId"), Field("vehicleName"), Field("identifierType"), Field("identifier")), line, rows, errors);
        }

        return (rows, errors);
    }

    public static (List<ImportRow> Rows, List<ImportError> Errors) ParseJson(string text)
    {
        var rows = new List<ImportRow>();
        var errors = new List<ImportError>();
        List<ImportRowBody?>? items;
        try
        {
            items = JsonSerializer.Deserialize<List<ImportRowBody?>>(text, Json);
        }
        catch (JsonException ex)
        {
            errors.Add(new ImportError((int)(ex.LineNumber ?? 0) + 1, "body", $"not a JSON array of rows: {ex.Message}"));
            return (rows, errors);
        }

        if (items is null)
        {
            errors.Add(new ImportError(1, "body", "expected a JSON array of rows"));
            return (rows, errors);
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is { } item)
            {
                Validate(item, i + 1, rows, errors);
            }
            else
            {
                errors.Add(new ImportError(i + 1, "row", "null row"));
            }
        }

        return (rows, errors);
    }

    private static void Validate(ImportRowBody body, int line, List<ImportRow> rows, List<ImportError> errors)
    {
        var input = new AccessInput();
        var agreementId = input.Id(body.AgreementId, "agreementId");
        var vehicleId = input.Id(body.VehicleId, "vehicleId");
        var type = input.Type(body.IdentifierType, "identifierType");
        var identifier = input.Identifier(body.Identifier, "identifier");
        if (body.VehicleName is { Length: > 200 })
        {
            input.Add("vehicleName", "at most 200 characters");
        }

        if (!input.IsValid)
        {
            errors.AddRange(input.Errors.SelectMany(e => e.Value.Select(reason => new ImportError(line, e.Key, reason))));
            return;
        }

        if (rows.Count >= MaxRows)
        {
            errors.Add(new ImportError(line, "row", $"at most {MaxRows} rows per import"));
            return;
        }

        rows.Add(new ImportRow(line, agreementId!, vehicleId!, body.VehicleName, type!.Value, identifier!));
    }

    /// <summary>RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static IEnumerable<(int Line, List<string> Fields)> ReadCsv(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var any = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            any = true;
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return (recordLine, fields);
                    fields = [];
                    any = false;
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (any || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return (recordLine, fields);
        }
    }
}
