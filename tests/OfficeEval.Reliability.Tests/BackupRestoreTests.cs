using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using OfficeEval.Api.Tests.Support;
using OfficeEval.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace OfficeEval.Reliability.Tests;

/// <summary>
/// The office's data (<see cref="BackupStory"/>) in a running instance, backed up with scripts/backup.sh while a user
/// keeps saving a draft; then the instance is stopped, so the source stays as it was for the comparisons.
/// </summary>
public sealed class BackupFixture : IAsyncLifetime
{
    public string Work { get; } = Directory.CreateTempSubdirectory("officeeval-backup-test-").FullName;

    public TestDatabase Source { get; private set; } = null!;

    public BackupStory Story { get; private set; } = null!;

    /// <summary>The backup folder backup.sh wrote.</summary>
    public string Backup { get; private set; } = null!;

    public JsonObject Manifest { get; private set; } = null!;

    /// <summary>Audit entries before the backup started: the backup holds at least these.</summary>
    public long AuditBeforeBackup { get; private set; }

    /// <summary>Draft saves the API acknowledged while the backup ran.</summary>
    public int SavesDuringBackup { get; private set; }

    /// <summary>How long backup.sh took.</summary>
    public TimeSpan BackupTook { get; private set; }

    public string ApiOutput { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Source = await TestDatabase.CreateAsync();
        await using var api = ApiProcess.Create("source", Source.ConnectionString, Source.FilesFolder,
            new Dictionary<string, string> { ["OfficeEval:Jobs:PollSeconds"] = "0.2" });
        await api.StartAsync();
        Story = await BackupStory.TellAsync(api);
        AuditBeforeBackup = await Source.ScalarAsync<long>("SELECT count(*) FROM audit_entries");

        // The backup is taken live: a user keeps saving a draft from before it starts until after it ends.
        using var stop = new CancellationTokenSource();
        var saves = 0;
        var writer = Story.KeepWritingAsync(api, () => Interlocked.Increment(ref saves), stop.Token);
        for (var i = 0; i < 300 && Volatile.Read(ref saves) < 3 && !writer.IsCompleted; i++)
        {
            await Task.Delay(100);
        }

        Assert.True(Volatile.Read(ref saves) >= 3, $"The writer did not get going: {(writer.IsFaulted ? writer.Exception : "3 saves not within 30 s")}");
        var before = Volatile.Read(ref saves);
        var backup = await BackupScripts.RunAsync("backup.sh", new Dictionary<string, string>
        {
            ["ConnectionStrings__Default"] = Source.ConnectionString,
            ["OfficeEval__FilesPath"] = Source.FilesFolder,
        }, "--out", Path.Combine(Work, "backups"));
        SavesDuringBackup = Volatile.Read(ref saves) - before;
        BackupTook = backup.Elapsed;
        await stop.CancelAsync();
        await writer;
        Assert.True(backup.ExitCode == 0, backup.ToString());
        Backup = backup.Output.TrimEnd().Split('\n')[^1];
        Assert.True(Directory.Exists(Backup), backup.ToString());
        Manifest = (JsonObject)JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Backup, "manifest.json")))!;
        await api.StopAsync();
        ApiOutput = api.Tail();
    }

    /// <summary>A connection string for another database on the test server.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(Source.Admin) { Database = database, Pooling = false }.ConnectionString;

    public async Task DisposeAsync()
    {
        if (Source is not null)
        {
            await Source.DisposeAsync();
        }

        Directory.Delete(Work, recursive: true);
    }
}

/// <summary>
/// Backup and restore (issue 11, item 5): scripts/restore.sh puts a backup into a fresh database and files folder, and
/// an instance started on them finds every campaign, submitted version, audit entry (the chain still valid) and file,
/// and every user signs in with their password. A damaged or altered backup and a target that is not empty are refused
/// before anything is changed.
/// </summary>
public sealed class BackupRestoreTests(BackupFixture fixture, ITestOutputHelper output) : IClassFixture<BackupFixture>
{
    /// <summary>Tables a user kept changing after the backup's snapshot (the busy draft; the audit log is compared as a prefix).</summary>
    private static readonly string[] ChangedAfterBackup = ["audit_entries", "self_assessments", "self_assessment_answers"];

    private TestDatabase Source => fixture.Source;

    private JsonObject Manifest => fixture.Manifest;

    [Fact]
    public async Task Backup_WhileAUserWrites_ManifestDescribesTheSnapshotAndEveryFile()
    {
        output.WriteLine($"backup.sh: {fixture.BackupTook.TotalSeconds:0.0} s, {fixture.SavesDuringBackup} draft saves meanwhile");
        Assert.True(fixture.SavesDuringBackup > 0, "No draft was saved while backup.sh ran: the backup was not taken under writes.");
        Assert.Equal(("officeeval-backup", 1), (Manifest["format"]!.GetValue<string>(), Manifest["formatVersion"]!.GetValue<int>()));
        Assert.Equal(await Source.ScalarAsync<string>("SELECT max(version) FROM schema_migrations"), Manifest["migration"]!.GetValue<string>());
        var tables = Manifest["database"]!["tables"]!.AsObject();
        Assert.Equal(await BackupScripts.TablesAsync(Source.ConnectionString), tables.Select(t => t.Key).Order(StringComparer.Ordinal));
        Assert.Equal(2, tables["campaigns"]!.GetValue<long>());
        Assert.Equal(fixture.Story.SubmittedVersions, tables["self_assessment_versions"]!.GetValue<long>());

        // The audit head is the snapshot's: at least every entry before the backup began, and the entry at that seq
        // in the source has that hash (the chain only grew since).
        var head = Manifest["audit"]!["head"]!;
        var headSeq = head["seq"]!.GetValue<long>();
        Assert.True(headSeq >= fixture.AuditBeforeBackup, $"head {headSeq}, {fixture.AuditBeforeBackup} entries before the backup");
        Assert.Equal(headSeq, tables["audit_entries"]!.GetValue<long>());
        Assert.Equal(head["hash"]!.GetValue<string>(), await Source.ScalarAsync<string>($"SELECT hash FROM audit_entries WHERE seq = {headSeq}"));
        Assert.True(Manifest["audit"]!["chainValid"]!.GetValue<bool>());

        // Every file: the evidence files and the report zip, each with its SHA-256; the database names each of them.
        var files = Manifest["files"]!;
        var listed = files["items"]!.AsArray().ToDictionary(f => f!["path"]!.GetValue<string>(), f => f!["sha256"]!.GetValue<string>());
        var inSource = BackupScripts.Files(Source.FilesFolder);
        Assert.Equal(inSource, new SortedDictionary<string, string>(listed, StringComparer.Ordinal));
        Assert.Equal(fixture.Story.EvidenceFiles + 1, listed.Count);
        Assert.Equal(1, listed.Keys.Count(p => p.StartsWith("report-jobs/", StringComparison.Ordinal)));
        Assert.Equal((listed.Count, 0), (files["referenced"]!.GetValue<int>(), files["missingReferenced"]!.AsArray().Count));
        Assert.Equal(Manifest["database"]!["dump"]!["sha256"]!.GetValue<string>(), BackupScripts.Sha256(Path.Combine(fixture.Backup, "database.dump")));

        // Only the complete backup is there: no partial folder left behind.
        Assert.Equal([Path.GetFileName(fixture.Backup)], Directory.GetFileSystemEntries(Path.GetDirectoryName(fixture.Backup)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Restore_IntoAFreshDatabaseAndFolder_AnInstanceFindsEverything()
    {
        var name = "oe_restore_" + Guid.NewGuid().ToString("N")[..16];
        var target = fixture.ConnectionString(name);
        var files = Path.Combine(fixture.Work, name);
        try
        {
            var restore = await BackupScripts.RunAsync("restore.sh", new Dictionary<string, string> { ["ConnectionStrings__Default"] = target },
                fixture.Backup, "--files", files, "--create");
            Assert.True(restore.ExitCode == 0, restore.ToString());
            Assert.Contains("restored and verified", restore.Output, StringComparison.Ordinal);
            output.WriteLine($"restore.sh: {restore.Elapsed.TotalSeconds:0.0} s\n{restore.Output}");

            // The database as the backup's snapshot had it, before any instance touches it.
            var headSeq = Manifest["audit"]!["head"]!["seq"]!.GetValue<long>();
            Assert.Equal(headSeq, await BackupScripts.ScalarAsync<long>(target, "SELECT count(*) FROM audit_entries"));
            Assert.Equal(await BackupScripts.DigestAsync(Source.ConnectionString, "audit_entries", $"seq <= {headSeq}"),
                await BackupScripts.DigestAsync(target, "audit_entries"));
            Assert.Empty(await BackupScripts.RowsAsync(target, await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "audit-verify.sql"))));
            var tables = await BackupScripts.TablesAsync(target);
            Assert.Equal(await BackupScripts.TablesAsync(Source.ConnectionString), tables);
            foreach (var table in tables.Except(ChangedAfterBackup))
            {
                Assert.True(await BackupScripts.DigestAsync(Source.ConnectionString, table) == await BackupScripts.DigestAsync(target, table),
                    $"{table} differs between the source and the restored database");
            }

            // The busy draft is as one moment left it: its revision is the one its last audit entry recorded.
            var (campaign, unit) = fixture.Story.BusyDraft;
            var revision = await BackupScripts.ScalarAsync<int>(target, "SELECT revision FROM self_assessments WHERE campaign_id = @c AND unit_id = @u", ("c", campaign), ("u", unit));
            var audited = await BackupScripts.ScalarAsync<string>(target,
                "SELECT details::json -> 'data' ->> 'revision' FROM audit_entries WHERE action = 'self_assessment.answers_changed' AND campaign_id = @c AND unit_id = @u ORDER BY seq DESC LIMIT 1",
                ("c", campaign), ("u", unit));
            Assert.Equal(revision.ToString(System.Globalization.CultureInfo.InvariantCulture), audited);
            Assert.Equal(BackupScripts.Files(Source.FilesFolder), BackupScripts.Files(files));

            // A new instance on the restored database and folder answers as the old one did.
            await using var api = ApiProcess.Create("restored", target, files);
            await api.StartAsync();
            var (seen, downloads) = await fixture.Story.ReadBackAsync(api);
            foreach (var (key, json) in fixture.Story.Seen)
            {
                Assert.True(json == seen[key], $"GET {key.Path} as {key.User} differs after the restore:\nbefore: {json}\nafter:  {seen[key]}");
            }

            Assert.Equal(fixture.Story.Downloads, downloads);
            foreach (var (email, password) in fixture.Story.Passwords)
            {
                Assert.False(string.IsNullOrEmpty(await api.SignInAsync(email, password)), email);
            }

            using var admin = await api.SignedInAsync("admin@demo.local");
            var campaigns = (await admin.GetFromJsonAsync<JsonArray>("/api/campaigns"))!.Select(c => c!["id"]!.GetValue<Guid>()).ToHashSet();
            Assert.Equal(new HashSet<Guid> { fixture.Story.DemoCampaign, fixture.Story.SecondCampaign }, campaigns);
            var verification = (await admin.GetFromJsonAsync<JsonObject>("/api/audit/verify"))!;
            Assert.True(verification["valid"]!.GetValue<bool>(), verification.ToJsonString());
            Assert.True(verification["lastSeq"]!.GetValue<long>() >= headSeq, verification.ToJsonString());
            Assert.Equal(Manifest["audit"]!["head"]!["hash"]!.GetValue<string>(), await BackupScripts.ScalarAsync<string>(target, $"SELECT hash FROM audit_entries WHERE seq = {headSeq}"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await Source.ExecuteAdminAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    [Fact]
    public async Task Restore_IntoANonEmptyDatabaseOrFolder_RefusedAndNothingChanged()
    {
        var auditBefore = await BackupScripts.DigestAsync(Source.ConnectionString, "audit_entries");
        var intoSource = await BackupScripts.RunAsync("restore.sh", new Dictionary<string, string> { ["ConnectionStrings__Default"] = Source.ConnectionString },
            fixture.Backup, "--files", Path.Combine(fixture.Work, "unused-" + Guid.NewGuid().ToString("N")));
        Assert.True(intoSource.ExitCode == 2, intoSource.ToString());
        Assert.Contains($"the database {Source.Name} is not empty", intoSource.Errors, StringComparison.Ordinal);
        Assert.Equal(auditBefore, await BackupScripts.DigestAsync(Source.ConnectionString, "audit_entries"));

        await using var empty = await TestDatabase.CreateAsync();
        var folder = Path.Combine(fixture.Work, "occupied-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "keep.txt"), "someone's file");
        var intoFolder = await BackupScripts.RunAsync("restore.sh", new Dictionary<string, string> { ["ConnectionStrings__Default"] = empty.ConnectionString },
            fixture.Backup, "--files", folder);
        Assert.True(intoFolder.ExitCode == 2, intoFolder.ToString());
        Assert.Contains($"the files folder {folder} is not empty", intoFolder.Errors, StringComparison.Ordinal);
        Assert.Empty(await BackupScripts.TablesAsync(empty.ConnectionString));
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Restore_TamperedBackup_RefusedByTheChecksumsBeforeAnythingIsTouched()
    {
        await using var target = await TestDatabase.CreateAsync();
        // Given as a libpq URI this time, the other way of naming the database.
        var admin = new NpgsqlConnectionStringBuilder(Source.Admin);
        var uri = $"postgresql://{Uri.EscapeDataString(admin.Username ?? "postgres")}@{admin.Host}:{admin.Port}/{target.Name}";
        var evidence = Manifest["files"]!["items"]!.AsArray().Select(f => f!["path"]!.GetValue<string>()).First(p => p.StartsWith("rectification/", StringComparison.Ordinal));
        var cases = new (string What, Action<string> Tamper, string Refusal)[]
        {
            ("a byte of an evidence file", copy => FlipByte(Path.Combine(copy, "files", evidence)), $"changed: {evidence}"),
            ("a byte of the dump", copy => FlipByte(Path.Combine(copy, "database.dump")), "the dump's SHA-256 differs from the manifest's"),
            ("an evidence file removed", copy => File.Delete(Path.Combine(copy, "files", evidence)), $"missing: {evidence}"),
            ("a file added", copy => File.WriteAllText(Path.Combine(copy, "files", "report-jobs", "extra.zip"), "PK"), "not in the manifest: report-jobs/extra.zip"),
        };
        foreach (var (what, tamper, refusal) in cases)
        {
            var copy = Path.Combine(fixture.Work, "tampered-" + Guid.NewGuid().ToString("N"));
            CopyFolder(fixture.Backup, copy);
            tamper(copy);
            var files = Path.Combine(fixture.Work, "never-" + Guid.NewGuid().ToString("N"));
            var environment = new Dictionary<string, string>();
            if (!string.IsNullOrEmpty(admin.Password))
            {
                environment["PGPASSWORD"] = admin.Password;
            }

            var restore = await BackupScripts.RunAsync("restore.sh", environment, copy, "--db", uri, "--files", files, "--force");

            Assert.True(restore.ExitCode == 2, $"{what}: {restore}");
            Assert.Contains(refusal, restore.Errors, StringComparison.Ordinal);
            Assert.Contains("damaged or was altered", restore.Errors, StringComparison.Ordinal);
            Assert.Empty(await BackupScripts.TablesAsync(target.ConnectionString));
            Assert.False(Directory.Exists(files), what);
        }
    }

    private static void FlipByte(string file)
    {
        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(file, bytes);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }
}
