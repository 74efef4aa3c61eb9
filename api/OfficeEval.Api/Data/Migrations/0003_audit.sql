-- 0003: the append-only, hash-chained audit log (等保2.0 安全审计).
CREATE TABLE audit_entries (
    seq bigint NOT NULL,
    at timestamp with time zone NOT NULL,
    actor_id uuid,
    actor_name character varying(256) NOT NULL,
    action character varying(60) NOT NULL,
    target character varying(200) NOT NULL,
    campaign_id uuid,
    unit_id uuid,
    client_ip character varying(45),
    details text NOT NULL,
    prev_hash character varying(64) NOT NULL,
    hash character varying(64) NOT NULL,
    CONSTRAINT pk_audit_entries PRIMARY KEY (seq)
);

CREATE INDEX ix_audit_entries_at ON audit_entries (at);

CREATE INDEX ix_audit_entries_actor_id ON audit_entries (actor_id);

CREATE INDEX ix_audit_entries_unit_id ON audit_entries (unit_id);
