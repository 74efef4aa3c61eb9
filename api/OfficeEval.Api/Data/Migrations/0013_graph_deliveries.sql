-- 0013: the outbox of work for Microsoft Graph (docs/graph.md): files to publish to SharePoint/OneDrive and reminder
-- mails. Queued in the request's transaction; workers claim due Pending rows with SELECT … FOR UPDATE SKIP LOCKED;
-- attempts is the fencing token every worker update is conditioned on; Failed rows stay for the office to retry.
CREATE TABLE graph_deliveries (
    id uuid NOT NULL,
    kind character varying(40) NOT NULL,
    campaign_id uuid,
    unit_id uuid,
    target character varying(500) NOT NULL,
    payload jsonb NOT NULL,
    status character varying(20) NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    locked_until timestamp with time zone,
    last_error character varying(4000),
    result_url character varying(2000),
    created_at timestamp with time zone NOT NULL,
    created_by uuid NOT NULL,
    finished_at timestamp with time zone,
    CONSTRAINT pk_graph_deliveries PRIMARY KEY (id),
    CONSTRAINT fk_graph_deliveries_campaigns_campaign_id FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE RESTRICT,
    CONSTRAINT fk_graph_deliveries_units_unit_id FOREIGN KEY (unit_id) REFERENCES units (id) ON DELETE RESTRICT
);

CREATE INDEX ix_graph_deliveries_campaign_id ON graph_deliveries (campaign_id);

CREATE INDEX ix_graph_deliveries_unit_id ON graph_deliveries (unit_id);

CREATE INDEX ix_graph_deliveries_status_next_attempt_at ON graph_deliveries (status, next_attempt_at);
