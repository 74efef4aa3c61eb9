-- Verifies the audit chain inside PostgreSQL 11 or later (for sha256()), on the live database or a restored backup,
-- without the application: no row means the chain is intact; otherwise the first broken entry and why.
-- The same rules as GET /api/audit/verify (see docs/audit.md), reported a little more coarsely: a renumbered chain
-- shows as "edited" here where the API can tell "inserted" or "missing".
--
--   psql "host=… dbname=officeeval user=…" -f docs/audit-verify.sql
WITH purge AS (
    -- The kept chain starts right after the last retention purge's anchor, or at seq 1 after 64 zeros.
    SELECT (details::json -> 'data' ->> 'toSeq')::bigint AS through_seq,
           details::json -> 'data' ->> 'lastPurgedHash' AS last_hash
    FROM audit_entries
    WHERE action = 'audit.purged'
    ORDER BY seq DESC
    LIMIT 1
),
chain AS (
    SELECT e.seq,
           e.prev_hash,
           e.hash,
           e.client_ip,
           encode(sha256(convert_to(concat_ws(chr(31),
               e.seq::text,
               e.prev_hash,
               to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
               coalesce(e.actor_id::text, ''),
               e.actor_name,
               e.action,
               e.target,
               coalesce(e.campaign_id::text, ''),
               coalesce(e.unit_id::text, ''),
               coalesce(e.client_ip, ''),
               e.details), 'UTF8')), 'hex') AS computed,
           coalesce(lag(e.seq) OVER (ORDER BY e.seq), (SELECT through_seq FROM purge), 0) AS previous_seq,
           coalesce(lag(e.hash) OVER (ORDER BY e.seq), (SELECT last_hash FROM purge), repeat('0', 64)) AS previous_hash
    FROM audit_entries e
)
SELECT CASE WHEN seq > previous_seq + 1 THEN previous_seq + 1 ELSE seq END AS broken_seq,
       CASE WHEN seq > previous_seq + 1 THEN 'missing'
            WHEN seq <= previous_seq THEN 'inserted'
            WHEN computed <> hash OR client_ip = '' THEN 'edited'
            ELSE 'link_broken'
       END AS reason
FROM chain
WHERE seq <> previous_seq + 1 OR computed <> hash OR client_ip = '' OR prev_hash <> previous_hash
ORDER BY seq
LIMIT 1;
