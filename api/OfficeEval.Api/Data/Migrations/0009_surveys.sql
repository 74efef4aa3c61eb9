-- 0009: questionnaires (docs/surveys.md). One questionnaire per campaign; single-use links stored as SHA-256 hashes
-- only; open links; and anonymous responses: a random id, the evaluated unit, the group, the day and the answers —
-- no token reference, respondent, address, agent or time of day.
CREATE TABLE surveys (
    id uuid NOT NULL,
    campaign_id uuid NOT NULL,
    form jsonb NOT NULL,
    status character varying(20) NOT NULL,
    closes_at timestamp with time zone,
    revision integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_surveys PRIMARY KEY (id),
    CONSTRAINT fk_surveys_campaigns_campaign_id FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX ix_surveys_campaign_id ON surveys (campaign_id);

CREATE TABLE survey_token_batches (
    id uuid NOT NULL,
    survey_id uuid NOT NULL,
    group_name character varying(40) NOT NULL,
    unit_count integer NOT NULL,
    token_count integer NOT NULL,
    expires_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    created_by uuid NOT NULL,
    revoked_at timestamp with time zone,
    CONSTRAINT pk_survey_token_batches PRIMARY KEY (id),
    CONSTRAINT fk_survey_token_batches_surveys_survey_id FOREIGN KEY (survey_id) REFERENCES surveys (id) ON DELETE CASCADE
);
CREATE INDEX ix_survey_token_batches_survey_id ON survey_token_batches (survey_id);

CREATE TABLE survey_tokens (
    id uuid NOT NULL,
    batch_id uuid NOT NULL,
    survey_id uuid NOT NULL,
    token_hash bytea NOT NULL,
    unit_id uuid NOT NULL,
    group_name character varying(40) NOT NULL,
    respondent_unit_id uuid,
    used boolean NOT NULL,
    CONSTRAINT pk_survey_tokens PRIMARY KEY (id),
    CONSTRAINT fk_survey_tokens_survey_token_batches_batch_id FOREIGN KEY (batch_id) REFERENCES survey_token_batches (id) ON DELETE CASCADE,
    CONSTRAINT fk_survey_tokens_surveys_survey_id FOREIGN KEY (survey_id) REFERENCES surveys (id) ON DELETE CASCADE,
    CONSTRAINT fk_survey_tokens_units_respondent_unit_id FOREIGN KEY (respondent_unit_id) REFERENCES units (id) ON DELETE RESTRICT,
    CONSTRAINT fk_survey_tokens_units_unit_id FOREIGN KEY (unit_id) REFERENCES units (id) ON DELETE RESTRICT
);
CREATE INDEX ix_survey_tokens_batch_id ON survey_tokens (batch_id);
CREATE INDEX ix_survey_tokens_respondent_unit_id ON survey_tokens (respondent_unit_id);
CREATE INDEX ix_survey_tokens_survey_id_unit_id_group_name ON survey_tokens (survey_id, unit_id, group_name);
CREATE UNIQUE INDEX ix_survey_tokens_token_hash ON survey_tokens (token_hash);
CREATE INDEX ix_survey_tokens_unit_id ON survey_tokens (unit_id);

CREATE TABLE survey_open_links (
    id uuid NOT NULL,
    survey_id uuid NOT NULL,
    unit_id uuid NOT NULL,
    group_name character varying(40) NOT NULL,
    code character varying(20) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    disabled_at timestamp with time zone,
    CONSTRAINT pk_survey_open_links PRIMARY KEY (id),
    CONSTRAINT fk_survey_open_links_surveys_survey_id FOREIGN KEY (survey_id) REFERENCES surveys (id) ON DELETE CASCADE,
    CONSTRAINT fk_survey_open_links_units_unit_id FOREIGN KEY (unit_id) REFERENCES units (id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX ix_survey_open_links_code ON survey_open_links (code);
CREATE INDEX ix_survey_open_links_survey_id ON survey_open_links (survey_id);
CREATE INDEX ix_survey_open_links_unit_id ON survey_open_links (unit_id);

CREATE TABLE survey_responses (
    id uuid NOT NULL,
    survey_id uuid NOT NULL,
    unit_id uuid NOT NULL,
    group_name character varying(40) NOT NULL,
    submitted_on date NOT NULL,
    answers jsonb NOT NULL,
    CONSTRAINT pk_survey_responses PRIMARY KEY (id),
    CONSTRAINT fk_survey_responses_surveys_survey_id FOREIGN KEY (survey_id) REFERENCES surveys (id) ON DELETE CASCADE,
    CONSTRAINT fk_survey_responses_units_unit_id FOREIGN KEY (unit_id) REFERENCES units (id) ON DELETE RESTRICT
);
CREATE INDEX ix_survey_responses_survey_id_unit_id_group_name ON survey_responses (survey_id, unit_id, group_name);
CREATE INDEX ix_survey_responses_unit_id ON survey_responses (unit_id);
