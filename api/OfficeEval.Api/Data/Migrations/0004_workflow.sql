-- 0004: campaign administration and the evaluation workflow: parent organisations, results settings, reviewer
-- groups (replacing per-user assignments), evidence per answer, frozen submission versions, and field review.
ALTER TABLE units ADD COLUMN parent_id uuid;
ALTER TABLE units ADD CONSTRAINT fk_units_units_parent_id FOREIGN KEY (parent_id) REFERENCES units (id) ON DELETE RESTRICT;
CREATE INDEX ix_units_parent_id ON units (parent_id);

ALTER TABLE campaigns ADD COLUMN results_policy jsonb NOT NULL DEFAULT '{"grades":[{"label":"A","minScoreRate":90},{"label":"B","minScoreRate":60}],"lowestGrade":"C","greenPerCategory":1,"redPerCategory":1}';
ALTER TABLE campaigns ALTER COLUMN results_policy DROP DEFAULT;
ALTER TABLE campaigns ADD COLUMN finalized_at timestamp with time zone;

CREATE TABLE reviewer_groups (
    id uuid NOT NULL,
    campaign_id uuid NOT NULL,
    name character varying(100) NOT NULL,
    CONSTRAINT pk_reviewer_groups PRIMARY KEY (id),
    CONSTRAINT fk_reviewer_groups_campaigns_campaign_id FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX ix_reviewer_groups_campaign_id_name ON reviewer_groups (campaign_id, name);

CREATE TABLE reviewer_group_members (
    group_id uuid NOT NULL,
    user_id uuid NOT NULL,
    CONSTRAINT pk_reviewer_group_members PRIMARY KEY (group_id, user_id),
    CONSTRAINT fk_reviewer_group_members_reviewer_groups_group_id FOREIGN KEY (group_id) REFERENCES reviewer_groups (id) ON DELETE CASCADE,
    CONSTRAINT fk_reviewer_group_members_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_reviewer_group_members_user_id ON reviewer_group_members (user_id);

-- A unit is reviewed by one group per campaign.
CREATE TABLE reviewer_group_units (
    group_id uuid NOT NULL,
    campaign_id uuid NOT NULL,
    unit_id uuid NOT NULL,
    CONSTRAINT pk_reviewer_group_units PRIMARY KEY (group_id, unit_id),
    CONSTRAINT fk_reviewer_group_units_reviewer_groups_group_id FOREIGN KEY (group_id) REFERENCES reviewer_groups (id) ON DELETE CASCADE,
    CONSTRAINT fk_reviewer_group_units_campaign_units_campaign_id_unit_id FOREIGN KEY (campaign_id, unit_id) REFERENCES campaign_units (campaign_id, unit_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX ix_reviewer_group_units_campaign_id_unit_id ON reviewer_group_units (campaign_id, unit_id);

-- Existing per-user assignments become one group per campaign.
INSERT INTO reviewer_groups (id, campaign_id, name)
SELECT gen_random_uuid(), campaign_id, '评估组' FROM (SELECT DISTINCT campaign_id FROM reviewer_assignments) c;
INSERT INTO reviewer_group_members (group_id, user_id)
SELECT DISTINCT g.id, a.user_id FROM reviewer_assignments a JOIN reviewer_groups g ON g.campaign_id = a.campaign_id;
INSERT INTO reviewer_group_units (group_id, campaign_id, unit_id)
SELECT DISTINCT g.id, a.campaign_id, a.unit_id FROM reviewer_assignments a JOIN reviewer_groups g ON g.campaign_id = a.campaign_id;
DROP TABLE reviewer_assignments;

ALTER TABLE self_assessment_answers ADD COLUMN evidence jsonb;

CREATE TABLE self_assessment_versions (
    self_assessment_id uuid NOT NULL,
    number integer NOT NULL,
    revision integer NOT NULL,
    submitted_at timestamp with time zone NOT NULL,
    submitted_by uuid NOT NULL,
    answers jsonb NOT NULL,
    data_tables jsonb,
    total numeric(9,2) NOT NULL,
    outcome character varying(20) NOT NULL,
    decided_at timestamp with time zone,
    decided_by uuid,
    comment character varying(2000),
    indicator_comments jsonb NOT NULL,
    CONSTRAINT pk_self_assessment_versions PRIMARY KEY (self_assessment_id, number),
    CONSTRAINT fk_self_assessment_versions_self_assessments_self_assessment_id FOREIGN KEY (self_assessment_id) REFERENCES self_assessments (id) ON DELETE CASCADE
);

CREATE TABLE reviews (
    campaign_id uuid NOT NULL,
    unit_id uuid NOT NULL,
    status character varying(20) NOT NULL,
    revision integer NOT NULL,
    summary character varying(4000),
    updated_at timestamp with time zone NOT NULL,
    updated_by uuid NOT NULL,
    completed_at timestamp with time zone,
    completed_by uuid,
    CONSTRAINT pk_reviews PRIMARY KEY (campaign_id, unit_id),
    CONSTRAINT fk_reviews_campaign_units_campaign_id_unit_id FOREIGN KEY (campaign_id, unit_id) REFERENCES campaign_units (campaign_id, unit_id) ON DELETE CASCADE
);

CREATE TABLE review_items (
    campaign_id uuid NOT NULL,
    unit_id uuid NOT NULL,
    indicator_code character varying(50) NOT NULL,
    verified_score numeric(9,2),
    verified_finding boolean,
    comment character varying(4000),
    problems jsonb NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    updated_by uuid NOT NULL,
    CONSTRAINT pk_review_items PRIMARY KEY (campaign_id, unit_id, indicator_code),
    CONSTRAINT fk_review_items_reviews_campaign_id_unit_id FOREIGN KEY (campaign_id, unit_id) REFERENCES reviews (campaign_id, unit_id) ON DELETE CASCADE
);
