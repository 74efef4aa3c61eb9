-- 0010: the problem list and rectification ledger (docs/rectification.md). One row per problem of a unit in a
-- campaign, with its status and evidence; its history in rectification_events. An imported item keeps a reference to
-- the finding it came from, unique per campaign, unit and source, so importing twice creates nothing twice.
CREATE TABLE rectification_items (
    id uuid NOT NULL,
    campaign_id uuid NOT NULL,
    unit_id uuid NOT NULL,
    indicator_code character varying(50),
    category character varying(20) NOT NULL,
    description character varying(2000) NOT NULL,
    requirement character varying(2000) NOT NULL,
    deadline date NOT NULL,
    responsible_person character varying(100),
    source character varying(20) NOT NULL,
    source_ref text,
    status character varying(20) NOT NULL,
    revision integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    created_by uuid NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    updated_by uuid NOT NULL,
    closed_at timestamp with time zone,
    closed_by uuid,
    evidence jsonb NOT NULL,
    CONSTRAINT pk_rectification_items PRIMARY KEY (id),
    CONSTRAINT fk_rectification_items_campaign_units_campaign_id_unit_id FOREIGN KEY (campaign_id, unit_id)
        REFERENCES campaign_units (campaign_id, unit_id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX ix_rectification_items_campaign_id_unit_id_source_source_ref
    ON rectification_items (campaign_id, unit_id, source, source_ref) WHERE source_ref IS NOT NULL;
CREATE INDEX ix_rectification_items_campaign_id_status_deadline ON rectification_items (campaign_id, status, deadline);

CREATE TABLE rectification_events (
    id uuid NOT NULL,
    item_id uuid NOT NULL,
    at timestamp with time zone NOT NULL,
    by uuid NOT NULL,
    action character varying(20) NOT NULL,
    from_status character varying(20),
    to_status character varying(20),
    note character varying(4000),
    CONSTRAINT pk_rectification_events PRIMARY KEY (id),
    CONSTRAINT fk_rectification_events_rectification_items_item_id FOREIGN KEY (item_id) REFERENCES rectification_items (id) ON DELETE CASCADE
);
CREATE INDEX ix_rectification_events_item_id_at ON rectification_events (item_id, at);
