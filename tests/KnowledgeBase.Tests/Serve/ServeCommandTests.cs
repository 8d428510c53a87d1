using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using KnowledgeBase.Tests.Site;
using KnowledgeBase.Tests.Trust;

namespace KnowledgeBase.Tests.Serve;

/// <summary><c>kb serve</c> as a real process: options, a taken port, and stopping on Ctrl+C / SIGTERM.</summary>
public sealed class ServeCommandTests
{
    /// <summary>Sends a signal the way a terminal (Ctrl+C: INT) or a service manager (TERM) does.</summary>
    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-s", signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Stops_cleanly_with_exit_code_0_on_ctrl_c_and_sigterm(string signal)
    {
        using var dir = new TempDir();
        var input = SmallKnowledgeBase.Create(dir);
        using var kb = ServeProcess.Start("serve", "--input", input, "--port", "0", "--as-of", "2026-11-23");
        var address = await kb.WaitForAddressAsync();
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(address + "incidents/")).StatusCode);

        Signal(kb.Id, signal);
        Assert.True(kb.WaitForExit(TimeSpan.FromSeconds(30)), "kb serve did not stop");
        Assert.Equal(0, kb.ExitCode);
        Assert.Contains("kb serve: stopped.", kb.Stdout);
        Assert.DoesNotContain("   at ", kb.Stderr);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(address));
        // The background search index lived in a temporary folder of this process; it is gone.
        Assert.Empty(Directory.EnumerateDirectories(Path.GetTempPath(), $"kb-serve-search-{kb.Id}-*"));
    }

    [Fact]
    public void A_port_in_use_is_a_clear_error_with_exit_code_1()
    {
        using var dir = new TempDir();
        var input = SmallKnowledgeBase.Create(dir);
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var (code, _, stderr) = KbProcess.Run(["serve", "--input", input, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.Equal(1, code);
        Assert.Contains($"port {port} on 127.0.0.1 is already in use", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Theory]
    [InlineData("serve", "--port", "70000")]
    [InlineData("serve", "--port", "http")]
    [InlineData("serve", "--input", "/no/such/folder")]
    [InlineData("serve", "--as-of", "23.11.2026")]
    [InlineData("serve", "--theme", "/no/such/theme")]
    public void Usage_errors_exit_2_without_a_stack_trace(params string[] args)
    {
        var (code, _, stderr) = BuiltSite.Run(args);
        Assert.Equal(2, code);
        Assert.NotEmpty(stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void Help_lists_serve_options()
    {
        var (code, stdout, _) = BuiltSite.Run(["serve", "--help"]);
        Assert.Equal(0, code);
        foreach (var option in new[] { "--port", "--input", "--theme", "--as-of", "--published-only", "--public" })
            Assert.Contains(option, stdout);
    }

    /// <summary>kb in its own process, read line by line so the test can wait for the address.</summary>
    private sealed class ServeProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _stdout = new();
        private readonly StringBuilder _stderr = new();
        private readonly TaskCompletionSource<string> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private ServeProcess(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                lock (_stdout) _stdout.AppendLine(e.Data);
                var match = System.Text.RegularExpressions.Regex.Match(e.Data, @"^Serving (http://127\.0\.0\.1:\d+/)");
                if (match.Success) _address.TrySetResult(match.Groups[1].Value);
            };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public int Id => _process.Id;
        public int ExitCode => _process.ExitCode;
        public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }
        public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

        public static ServeProcess Start(params string[] args)
        {
            var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };
            info.ArgumentList.Add(KbProcess.KbDll);
            foreach (var a in args) info.ArgumentList.Add(a);
            info.Environment["CI"] = "1";
            return new ServeProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start kb"));
        }

        public async Task<string> WaitForAddressAsync()
        {
            try { return await _address.Task.WaitAsync(TimeSpan.FromSeconds(60)); }
            catch (TimeoutException) { throw new TimeoutException("kb serve did not start: " + Stdout + Stderr); }
        }

        public bool WaitForExit(TimeSpan timeout)
        {
            if (!_process.WaitForExit(timeout)) return false;
            _process.WaitForExit();
            return true;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                _process.WaitForExit();
            }
            _process.Dispose();
        }
    }
}
