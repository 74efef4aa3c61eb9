-- 0006: the audit log is append-only in the database as well (等保2.0 安全审计: records protected from unexpected
-- deletion, modification or overwriting), and indexed for the audit query.
--
-- audit_entries_guard refuses UPDATE and TRUNCATE always, and DELETE unless the retention purge is deleting: the purge
-- turns on the setting officeeval.audit_purge with set_config(..., true), which lasts until the end of its own
-- transaction only, and even then entries younger than 180 days (the legal minimum) stay. audit_entries_append lets an
-- INSERT through only as the next link of the chain (seq = last seq + 1, prev_hash = last hash), so no code path can
-- write a broken chain. These stop mistakes and the application's own SQL; what a superuser does with the triggers
-- disabled shows as a broken chain in GET /api/audit/verify. docs/audit.md has the details and the grants for a
-- production database role.

ALTER TABLE audit_entries ALTER COLUMN action TYPE character varying(60) COLLATE "C";

DROP INDEX ix_audit_entries_actor_id;

DROP INDEX ix_audit_entries_unit_id;

CREATE INDEX ix_audit_entries_action_seq ON audit_entries (action, seq);

CREATE INDEX ix_audit_entries_actor_id_seq ON audit_entries (actor_id, seq);

CREATE INDEX ix_audit_entries_campaign_id_seq ON audit_entries (campaign_id, seq);

CREATE INDEX ix_audit_entries_target_seq ON audit_entries (target, seq);

CREATE INDEX ix_audit_entries_unit_id_seq ON audit_entries (unit_id, seq);

CREATE FUNCTION audit_entries_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('officeeval.audit_purge', true) = 'on' THEN
        IF OLD.at < now() - interval '180 days' THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit entry % is younger than 180 days and is kept', OLD.seq
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RAISE EXCEPTION 'audit_entries is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Entries are removed only by the retention purge, after 180 days at the earliest.';
END;
$$;

CREATE FUNCTION audit_entries_append() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    last_seq bigint;
    last_hash character varying(64);
BEGIN
    SELECT seq, hash INTO last_seq, last_hash FROM audit_entries ORDER BY seq DESC LIMIT 1;
    IF NEW.seq IS DISTINCT FROM coalesce(last_seq, 0) + 1
       OR NEW.prev_hash IS DISTINCT FROM coalesce(last_hash, repeat('0', 64)) THEN
        RAISE EXCEPTION 'audit entry % does not follow the last entry %', NEW.seq, coalesce(last_seq, 0)
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER audit_entries_no_update_delete BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE PROCEDURE audit_entries_guard();

CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
    FOR EACH STATEMENT EXECUTE PROCEDURE audit_entries_guard();

CREATE TRIGGER audit_entries_append BEFORE INSERT ON audit_entries
    FOR EACH ROW EXECUTE PROCEDURE audit_entries_append();
