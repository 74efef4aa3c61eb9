-- 0008: background report jobs (docs/jobs.md). Workers claim queued jobs with SELECT … FOR UPDATE SKIP LOCKED, so
-- two API instances never run one job twice; attempts is the fencing token every worker update is conditioned on.
-- At most one queued or running job per campaign and kind.
CREATE TABLE report_jobs (
    id uuid NOT NULL,
    kind character varying(40) NOT NULL,
    campaign_id uuid NOT NULL,
    requested_by uuid NOT NULL,
    status character varying(20) NOT NULL,
    total integer NOT NULL,
    done integer NOT NULL,
    failed integer NOT NULL,
    error character varying(4000),
    unit_errors jsonb NOT NULL,
    created_at timestamp with time zone NOT NULL,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    heartbeat_at timestamp with time zone,
    result_path character varying(260),
    result_bytes bigint,
    attempts integer NOT NULL,
    CONSTRAINT pk_report_jobs PRIMARY KEY (id),
    CONSTRAINT fk_report_jobs_campaigns_campaign_id FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE RESTRICT
);

CREATE UNIQUE INDEX ix_report_jobs_campaign_id_kind ON report_jobs (campaign_id, kind) WHERE status IN ('Queued', 'Running');

CREATE INDEX ix_report_jobs_status_created_at ON report_jobs (status, created_at);
