-- floor-read (pgbench): what checking a draft asks of PostgreSQL, without the API: the unit's context with its draft
-- (the same joins and columns as UnitContext's query) and the draft's answers, two round trips, for the unit given
-- with -D campaign=… -D unit=… -D draft=….
SELECT c0.id, c0.contacts, c0.created_at, c0.deadlines, c0.finalized_at, c0.framework_id, c0.name, c0.results_policy, c0.year,
       c.campaign_id, c.unit_id, c.approved_establishment, c.approved_leadership_posts, c.individual_indicators,
       u.id, u.category, u.code, u.kind, u.level, u.name, u.parent_id, f.published_at,
       s.id, s.campaign_id, s.data_tables, s.revision, s.status, s.unit_id, s.updated_at, s.updated_by
FROM campaign_units AS c
JOIN campaigns AS c0 ON c.campaign_id = c0.id
JOIN units AS u ON c.unit_id = u.id
JOIN frameworks AS f ON c0.framework_id = f.id
LEFT JOIN self_assessments AS s ON c.campaign_id = s.campaign_id AND c.unit_id = s.unit_id
WHERE c.campaign_id = :campaign AND c.unit_id = :unit
LIMIT 1;
SELECT s.self_assessment_id, s.indicator_code, s.counts, s.evidence, s.explanation, s.finding, s.number, s.option, s.self_score
FROM self_assessment_answers AS s
WHERE s.self_assessment_id = :draft;
