namespace CentralSystem.SmartCharging.Tests.Support;

/// <summary>
/// Locates test inputs. Example sites are copied next to the test assembly; the shared EVerest/libocpp data lives
/// outside the repository at ../shared relative to the repo root (CI checks it out beside the clone).
/// </summary>
internal static class TestFiles
{
    public static string Site(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Sites", name);

    public static string ReadSite(string name) => File.ReadAllText(Site(name));

    public static string? RepoRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CentralSystem.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>Path of a file under ../shared/data/smart-charging, or marks the test Inconclusive if it is absent.</summary>
    public static string SharedData(string file)
    {
        var root = RepoRoot();
        var path = root is null ? null : Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "smart-charging", file));
        if (path is null || !File.Exists(path))
        {
            Assert.Inconclusive($"shared data file '{file}' not found (expected at <repo>/../shared/data/smart-charging/{file}); check out 'shared' beside the repository to run this test");
        }

        return path!;
    }
}
