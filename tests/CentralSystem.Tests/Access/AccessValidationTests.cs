using CentralSystem.Domain.Access;
using static CentralSystem.Tests.Access.Schedules;

namespace CentralSystem.Tests.Access;

public class AccessValidationTests
{
    [Test]
    public void Unknown_time_zone_is_named()
    {
        var errors = AccessScheduleValidator.Validate(In("Mars/Olympus_Mons", AccessMode.Freevend));
        Assert.That(errors.Select(e => e.Field), Is.EquivalentTo(new[] { "timeZone" }));
    }

    [Test]
    public void Iana_zones_are_known() =>
        Assert.That(AccessScheduleValidator.IsKnownTimeZone("Australia/Sydney"), Is.True);

    [Test]
    public void Rule_without_days_and_duplicate_names_are_named_by_index()
    {
        var errors = AccessScheduleValidator.Validate(In("Europe/Amsterdam", AccessMode.Freevend,
            Rule("a", AccessMode.Managed, [], "06:00", "18:00"),
            Rule("a", AccessMode.Managed, Weekdays, "06:00", "18:00")));
        Assert.That(errors.Select(e => e.Field), Is.EquivalentTo(new[] { "rules[0].days", "rules[1].name" }));
    }

    [TestCase("04e1a2b3c4d5e6", "04E1A2B3C4D5E6")]
    [TestCase("00:1a:2b:3c:4d:5e", "001A2B3C4D5E")]
    [TestCase("00-1A-2B-3C-4D-5E", "001A2B3C4D5E")]
    [TestCase(" 1234 ", "1234")]
    public void Identifier_keys_ignore_case_and_mac_separators(string presented, string key) =>
        Assert.That(IdentifierKey.Normalize(presented), Is.EqualTo(key));
}
