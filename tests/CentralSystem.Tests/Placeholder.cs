namespace CentralSystem.Tests;
public class Placeholder { [Test] public void Builds() => Assert.That(1, Is.EqualTo(1)); }
