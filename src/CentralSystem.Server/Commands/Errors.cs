namespace CentralSystem.Server.Commands;

/// <summary>Collects request validation failures by field, for a 400 problem naming each field.</summary>
internal sealed class Errors
{
    private readonly Dictionary<string, string[]> _errors = [];

    public bool Any => _errors.Count > 0;

    public IResult Result => TypedResults.ValidationProblem(_errors);

    public void Add(string field, string message) =>
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    public void Required(string field, int? value)
    {
        if (value is null or < 1)
        {
            Add(field, $"{field} is required and must be 1 or more");
        }
    }

    public void Positive(string field, int? value)
    {
        if (value is < 1)
        {
            Add(field, $"{field} must be 1 or more");
        }
    }

    public void NotNegative(string field, int? value)
    {
        if (value is < 0)
        {
            Add(field, $"{field} must be 0 or more");
        }
    }
}
