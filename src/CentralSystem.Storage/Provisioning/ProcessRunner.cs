using System.ComponentModel;
using System.Diagnostics;

namespace CentralSystem.Storage.Provisioning;

internal static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        CommandLine command, string? workingDirectory, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // runuser'd tools would print "could not change directory to /root" from the
            // caller's working directory; give them one the service user can enter.
            WorkingDirectory = workingDirectory ?? "/",
        };
        foreach (var argument in command.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new PostgresProvisioningException($"Could not run '{command.FileName}': {ex.Message}", ex);
        }

        // Nothing we run reads input; closing stdin makes anything that tries fail instead of hang
        // (CI has no terminal).
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
            return new ProcessResult(process.ExitCode, await stdout, await stderr);
        }
        catch (OperationCanceledException)
        {
            TryKill(process);
            throw;
        }
    }

    // Synchronous, for AppDomain.ProcessExit where nothing can be awaited. Output is discarded.
    public static bool RunToExit(CommandLine command, string? workingDirectory, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = false,
            RedirectStandardError = false,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "/",
        };
        foreach (var argument in command.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(startInfo);
            if (process is null)
            {
                return false;
            }

            process.StandardInput.Close();
            if (!process.WaitForExit(timeout))
            {
                TryKill(process);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (Win32Exception)
        {
            // Exited between the check and the signal, or not ours to kill.
        }
    }
}
