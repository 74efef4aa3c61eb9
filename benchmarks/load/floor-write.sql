-- floor-write (pgbench): the least an audited draft save asks of PostgreSQL, without the API: in one transaction,
-- the client's own draft row and three of its answers updated, the audit chain's lock taken (an advisory transaction
-- lock held to the commit, as AuditChainWriter takes it), one entry appended, committed durably. The entries go to a
-- scratch table (load_floor_audit) so that the real chain is left alone; each client updates a draft of its own
-- (load_floor_drafts maps pgbench's client_id to one and three of its answers).
\set lock 22312670065871188
BEGIN;
UPDATE self_assessments SET revision = revision + 1, updated_at = now()
  WHERE id = (SELECT draft FROM load_floor_drafts WHERE client = :client_id);
UPDATE self_assessment_answers AS a SET explanation = coalesce(a.explanation, '') || ''
  FROM load_floor_drafts AS d
  WHERE d.client = :client_id AND a.self_assessment_id = d.draft AND a.indicator_code = ANY (d.codes);
SELECT pg_advisory_xact_lock(:lock);
INSERT INTO load_floor_audit (details, hash)
  VALUES ('{"before":{},"after":{},"data":{"revision":1}}', md5(random()::text));
END;
