using Microsoft.AspNetCore.Http;
using Npgsql;
using OfficeEval.Api.Features.Audit;

namespace OfficeEval.Api.Tests.Features.Audit;

/// <summary>The chain as written, and what the verifier says after each kind of tampering a database superuser can do.</summary>
public sealed class AuditChainTests : IAsyncLifetime
{
    private AuditDatabase _audit = null!;

    public async Task InitializeAsync()
    {
        _audit = await AuditDatabase.CreateAsync();
        await _audit.AppendAsync(10);
    }

    public async Task DisposeAsync() => await _audit.DisposeAsync();

    [Fact]
    public async Task Save_SeveralEntriesStagedTogether_NumberedInStagingOrderAndLinked()
    {
        var entries = await _audit.EntriesAsync();

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), entries.Select(e => e.Seq));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"test/{i}"), entries.Select(e => e.Target));
        Assert.Equal(AuditChain.Genesis, entries[0].PrevHash);
        Assert.All(entries.Skip(1), (e, i) => Assert.Equal(entries[i].Hash, e.PrevHash));
        Assert.All(entries, e => Assert.Equal(AuditChain.HashOf(e), e.Hash));
    }

    [Fact]
    public async Task Add_HostileText_StoredCleanedAndTheChainValid()
    {
        await using (var db = _audit.NewContext())
        {
            var trail = new AuditTrail(db, new HttpContextAccessor(), _audit.Clock);
            // NUL (which PostgreSQL refuses), a lone surrogate, and an emoji that would be cut in half at 256 characters.
            await trail.RecordAsync(new AuditEvent(AuditActions.SignInFailed, "account/t\ud800") { ActorName = "a\0b" + new string('x', 252) + "😀" });
        }

        var entry = (await _audit.EntriesAsync())[^1];

        Assert.Equal("a\uFFFDb" + new string('x', 252), entry.ActorName);
        Assert.Equal("account/t\uFFFD", entry.Target);
        Assert.True((await _audit.VerifyAsync()).Valid);
    }

    [Fact]
    public async Task Verify_UntouchedChain_ValidWithItsHead()
    {
        var result = await _audit.VerifyAsync();

        Assert.True(result.Valid);
        Assert.Equal(10, result.EntriesChecked);
        Assert.Equal((1L, 10L), (result.FirstSeq, result.LastSeq));
        Assert.Equal((await _audit.EntriesAsync())[^1].Hash, result.LastHash);
        Assert.Null(result.BrokenSeq);
    }

    [Fact]
    public async Task Verify_EmptyLog_ValidWithNothingChecked()
    {
        await using var empty = await AuditDatabase.CreateAsync();

        var result = await empty.VerifyAsync();

        Assert.True(result.Valid);
        Assert.Equal(0, result.EntriesChecked);
        Assert.Null(result.LastHash);
    }

    [Fact]
    public async Task Verify_RowEdited_EditedAtThatSeq()
    {
        await _audit.TamperAsync("UPDATE audit_entries SET details = '{\"data\":{\"i\":99}}' WHERE seq = 6");

        var result = await _audit.VerifyAsync();

        Assert.False(result.Valid);
        Assert.Equal((6L, AuditBreaks.Edited), (result.BrokenSeq, result.Reason));
        Assert.Equal(5, result.EntriesChecked);
        Assert.Contains("6", result.MessageZh);
    }

    [Fact]
    public async Task Verify_TimeOfAnEntryMovedByAMicrosecond_Edited()
    {
        await _audit.TamperAsync("UPDATE audit_entries SET at = at + interval '1 microsecond' WHERE seq = 2");

        var result = await _audit.VerifyAsync();

        Assert.Equal((2L, AuditBreaks.Edited), (result.BrokenSeq, result.Reason));
    }

    [Fact]
    public async Task Verify_ClientAddressNullMadeEmpty_Edited()
    {
        // Null and empty hash the same; only a canonical entry (null for no address) is accepted.
        await _audit.TamperAsync("UPDATE audit_entries SET client_ip = '' WHERE seq = 3");

        var result = await _audit.VerifyAsync();

        Assert.Equal((3L, AuditBreaks.Edited), (result.BrokenSeq, result.Reason));
    }

    [Fact]
    public async Task Verify_RowEditedAndRehashed_LinkBrokenAtTheNext()
    {
        var entries = await _audit.EntriesAsync();
        var edited = entries[3];
        edited.ActorName = "someone else";
        edited.Hash = AuditChain.HashOf(edited);
        await _audit.TamperAsync("UPDATE audit_entries SET actor_name = @name, hash = @hash WHERE seq = 4",
            new NpgsqlParameter("name", edited.ActorName), new NpgsqlParameter("hash", edited.Hash));

        var result = await _audit.VerifyAsync();

        Assert.Equal((5L, AuditBreaks.LinkBroken), (result.BrokenSeq, result.Reason));
    }

    [Fact]
    public async Task Verify_MiddleRowDeleted_MissingAtThatSeq()
    {
        await _audit.TamperAsync("DELETE FROM audit_entries WHERE seq = 7");

        var result = await _audit.VerifyAsync();

        Assert.Equal((7L, AuditBreaks.Missing), (result.BrokenSeq, result.Reason));
        Assert.Equal(6, result.EntriesChecked);
    }

    [Fact]
    public async Task Verify_FirstRowDeletedWithoutAPurge_MissingAtOne()
    {
        await _audit.TamperAsync("DELETE FROM audit_entries WHERE seq = 1");

        var result = await _audit.VerifyAsync();

        Assert.Equal((1L, AuditBreaks.Missing), (result.BrokenSeq, result.Reason));
    }

    [Fact]
    public async Task Verify_RowDeletedAndLaterOnesRenumberedToCloseTheGap_MissingAtTheGap()
    {
        await _audit.TamperAsync("""
            DELETE FROM audit_entries WHERE seq = 4;
            UPDATE audit_entries SET seq = -seq WHERE seq > 4;
            UPDATE audit_entries SET seq = -seq - 1 WHERE seq < 0;
            """);

        var result = await _audit.VerifyAsync();

        Assert.Equal((4L, AuditBreaks.Missing), (result.BrokenSeq, result.Reason));
    }

    [Fact]
    public async Task Verify_ForgedRowInsertedWithACorrectHash_InsertedAtItsSeq()
    {
        // A forger who knows the hash: later entries move up one, the forged entry follows entry 4 and is hashed right.
        var entries = await _audit.EntriesAsync();
        var forged = new AuditEntry
        {
            Seq = 5,
            At = entries[3].At.AddSeconds(1),
            ActorName = "admin@demo.local",
            Action = AuditActions.SignIn,
            Target = "user/forged",
            Details = "{}",
            PrevHash = entries[3].Hash,
        };
        forged.Hash = AuditChain.HashOf(forged);
        await _audit.TamperAsync("""
            UPDATE audit_entries SET seq = -seq WHERE seq >= 5;
            UPDATE audit_entries SET seq = -seq + 1 WHERE seq < 0;
            INSERT INTO audit_entries (seq, at, actor_name, action, target, details, prev_hash, hash)
            VALUES (5, @at, @actor, @action, @target, '{}', @prev, @hash);
            """,
            new NpgsqlParameter("at", forged.At), new NpgsqlParameter("actor", forged.ActorName), new NpgsqlParameter("action", forged.Action),
            new NpgsqlParameter("target", forged.Target), new NpgsqlParameter("prev", forged.PrevHash), new NpgsqlParameter("hash", forged.Hash));

        var result = await _audit.VerifyAsync();

        Assert.Equal((5L, AuditBreaks.Inserted), (result.BrokenSeq, result.Reason));
        Assert.Equal(5, result.EntriesChecked);
    }

    [Fact]
    public async Task Verify_ForgedRowBeforeTheFirst_Inserted()
    {
        await _audit.TamperAsync("""
            INSERT INTO audit_entries (seq, at, actor_name, action, target, details, prev_hash, hash)
            SELECT 0, at, actor_name, action, target, details, prev_hash, hash FROM audit_entries WHERE seq = 1
            """);

        var result = await _audit.VerifyAsync();

        Assert.Equal((0L, AuditBreaks.Inserted), (result.BrokenSeq, result.Reason));
    }

    [Fact]
    public async Task Verify_ChainLongerThanAPage_WalkedToTheEnd()
    {
        await _audit.AppendAsync(AuditVerifier.PageSize + 5);
        await _audit.TamperAsync($"UPDATE audit_entries SET target = 'x' WHERE seq = {AuditVerifier.PageSize + 12}");

        var result = await _audit.VerifyAsync();

        Assert.Equal((AuditVerifier.PageSize + 12L, AuditBreaks.Edited), (result.BrokenSeq, result.Reason));
    }

    [Fact]
    public async Task OfflineSql_UntouchedChain_NothingBroken()
    {
        await _audit.AppendAsync(AuditVerifier.PageSize + 5);

        Assert.Null(await _audit.OfflineCheckAsync());
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET details = '{}' WHERE seq = 6", 6, AuditBreaks.Edited)]
    [InlineData("UPDATE audit_entries SET client_ip = '' WHERE seq = 2", 2, AuditBreaks.Edited)]
    [InlineData("UPDATE audit_entries SET prev_hash = hash WHERE seq = 4", 4, AuditBreaks.Edited)]
    [InlineData("DELETE FROM audit_entries WHERE seq = 7", 7, AuditBreaks.Missing)]
    [InlineData("DELETE FROM audit_entries WHERE seq = 1", 1, AuditBreaks.Missing)]
    [InlineData("INSERT INTO audit_entries SELECT 0, at, actor_id, actor_name, action, target, campaign_id, unit_id, client_ip, details, prev_hash, hash FROM audit_entries WHERE seq = 1", 0, AuditBreaks.Inserted)]
    public async Task OfflineSql_TamperedChain_SameBreakAsTheVerifier(string tamper, long seq, string reason)
    {
        await _audit.TamperAsync(tamper);

        var offline = await _audit.OfflineCheckAsync();
        var verifier = await _audit.VerifyAsync();

        Assert.Equal((seq, reason), offline);
        Assert.Equal((seq, reason), (verifier.BrokenSeq, verifier.Reason));
    }

    [Fact]
    public async Task Update_FromTheApplicationsConnection_RefusedByTheDatabase()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => _audit.ExecuteAsync("UPDATE audit_entries SET actor_name = 'x' WHERE seq = 2"));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Contains("append-only", error.MessageText);
        Assert.True((await _audit.VerifyAsync()).Valid);
    }

    [Fact]
    public async Task Delete_FromTheApplicationsConnection_RefusedByTheDatabase()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => _audit.ExecuteAsync("DELETE FROM audit_entries WHERE seq = 2"));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Equal(10, (await _audit.EntriesAsync()).Count);
    }

    [Fact]
    public async Task Truncate_RefusedByTheDatabase()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => _audit.ExecuteAsync("TRUNCATE audit_entries"));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Equal(10, (await _audit.EntriesAsync()).Count);
    }

    [Fact]
    public async Task Delete_WithThePurgeSettingButEntryYoungerThan180Days_Refused()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => _audit.ExecuteAsync("""
            BEGIN;
            SELECT set_config('officeeval.audit_purge', 'on', true);
            DELETE FROM audit_entries WHERE seq = 1;
            COMMIT;
            """));

        Assert.Contains("younger than 180 days", error.MessageText);
        Assert.Equal(10, (await _audit.EntriesAsync()).Count);
    }

    [Fact]
    public async Task Insert_NotFollowingTheLastEntry_Refused()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => _audit.ExecuteAsync("""
            INSERT INTO audit_entries (seq, at, actor_name, action, target, details, prev_hash, hash)
            SELECT 12, at, actor_name, action, target, details, hash, hash FROM audit_entries WHERE seq = 10
            """));

        Assert.Equal(PostgresErrorCodes.IntegrityConstraintViolation, error.SqlState);
        Assert.True((await _audit.VerifyAsync()).Valid);
    }
}
