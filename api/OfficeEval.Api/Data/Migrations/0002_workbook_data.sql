-- 0002: what the self-evaluation workbook needs: unit level, campaign deadlines and contacts, the office's approved
-- figures and individual indicators per campaign unit, and the data tables a unit uploads.
ALTER TABLE units ADD COLUMN level character varying(10);

ALTER TABLE campaigns ADD COLUMN deadlines jsonb NOT NULL DEFAULT '[]';
ALTER TABLE campaigns ADD COLUMN contacts jsonb NOT NULL DEFAULT '[]';
ALTER TABLE campaigns ALTER COLUMN deadlines DROP DEFAULT;
ALTER TABLE campaigns ALTER COLUMN contacts DROP DEFAULT;

ALTER TABLE campaign_units ADD COLUMN approved_establishment integer;
ALTER TABLE campaign_units ADD COLUMN approved_leadership_posts integer;
ALTER TABLE campaign_units ADD COLUMN individual_indicators jsonb NOT NULL DEFAULT '[]';
ALTER TABLE campaign_units ALTER COLUMN individual_indicators DROP DEFAULT;

ALTER TABLE self_assessments ADD COLUMN data_tables jsonb;

-- Veto findings and share counts were not stored before: a veto answer or a shares answer was lost on save.
ALTER TABLE self_assessment_answers ADD COLUMN finding boolean;
ALTER TABLE self_assessment_answers ADD COLUMN counts jsonb;
