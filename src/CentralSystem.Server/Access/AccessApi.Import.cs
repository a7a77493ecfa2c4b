using CentralSystem.Storage.Repositories.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CentralSystem.Server.Access;

public static partial class AccessApi
{
    private const long MaxImportBytes = 32 * 1024 * 1024;

    /// <summary>
    /// Bulk import of agreement vehicles (CSV or JSON by Content-Type). All-or-nothing unless ?partial=true: any bad
    /// row means a 400 listing every bad row by line, field and reason, and nothing written.
    /// </summary>
    private static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, bool? partial, PgVehicleRepository vehicles, PgAccessStateRepository states, AccessSessionObserver observer,
        TimeProvider time, CancellationToken ct)
    {
        var contentType = request.ContentType ?? "";
        var csv = contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(title: "Unsupported media type", statusCode: StatusCodes.Status415UnsupportedMediaType,
                detail: "Send the rows as text/csv (with a header line) or application/json (an array of objects)");
        }

        if (request.ContentLength > MaxImportBytes)
        {
            return TypedResults.Problem(title: "Too large", statusCode: StatusCodes.Status413PayloadTooLarge, detail: $"At most {MaxImportBytes} bytes per import");
        }

        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct);
        var (rows, errors) = csv ? AgreementImportParser.ParseCsv(text) : AgreementImportParser.ParseJson(text);
        var allowPartial = partial ?? false;

        // Rows that parsed are still checked against the database when others did not, so one answer lists every bad row.
        var checkOnly = errors.Count > 0 && !allowPartial;
        var result = rows.Count == 0
            ? new ImportResult(0, 0, false, [])
            : await vehicles.ImportAgreementVehiclesAsync(rows, allowPartial, checkOnly, time.GetUtcNow(), ct);
        var allErrors = errors.Concat(result.Errors).OrderBy(e => e.Line).ToList();
        if (!result.Written)
        {
            if (allErrors.Count == 0)
            {
                allErrors.Add(new ImportError(1, "body", "no rows to import"));
            }

            return Rejected(allErrors, rows.Count + errors.Select(e => e.Line).Distinct().Count());
        }

        await AllowListChangedAsync(states, observer, ct);
        return TypedResults.Ok(new ImportResponse(result.ImportedRows, result.ImportedVehicles, allErrors));
    }

    private static ProblemHttpResult Rejected(List<ImportError> errors, int total) =>
        TypedResults.Problem(
            title: "Import rejected",
            statusCode: StatusCodes.Status400BadRequest,
            detail: $"{errors.Select(e => e.Line).Distinct().Count()} of {total} rows are invalid; nothing was imported (add ?partial=true to import the valid rows)",
            extensions: new Dictionary<string, object?> { ["errors"] = errors.OrderBy(e => e.Line).ToList() });
}
