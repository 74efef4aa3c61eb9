-- Grows the demo campaign (year 2026) to :units units, each with a submitted self-evaluation on the built-in common
-- framework: the best option on every qualitative leaf and 0–3 occurrences on every deduction leaf, so totals spread.
-- Run by run.sh with psql -v units=N after the API has migrated and seeded the database.
\set ON_ERROR_STOP on
BEGIN;

CREATE TEMP TABLE bench_units ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, i
FROM generate_series(1, :units - (SELECT count(*) FROM campaign_units cu JOIN campaigns c ON c.id = cu.campaign_id WHERE c.year = 2026)) AS i;

INSERT INTO units (id, code, name, kind, category, level)
SELECT id, 'BENCH-' || lpad(i::text, 5, '0'), '压测单位第' || i || '号', 'Government', CASE WHEN i % 3 = 0 THEN '经济' ELSE '非经济' END, '市'
FROM bench_units;

INSERT INTO campaign_units (campaign_id, unit_id, approved_establishment, approved_leadership_posts, individual_indicators)
SELECT c.id, u.id, 30 + u.i % 40, 4 + u.i % 3, '[]'
FROM bench_units u CROSS JOIN (SELECT id FROM campaigns WHERE year = 2026) c;

INSERT INTO self_assessments (id, campaign_id, unit_id, status, revision, updated_at, updated_by)
SELECT gen_random_uuid(), cu.campaign_id, cu.unit_id, 'Submitted', 1, now(), '00000000-0000-0000-0000-000000000000'
FROM campaign_units cu JOIN campaigns c ON c.id = cu.campaign_id
WHERE c.year = 2026 AND NOT EXISTS (SELECT 1 FROM self_assessments a WHERE a.campaign_id = cu.campaign_id AND a.unit_id = cu.unit_id);

INSERT INTO self_assessment_answers (self_assessment_id, indicator_code, option, number)
SELECT a.id, v.code, v.option, CASE WHEN v.option IS NULL THEN floor(random() * 4) END
FROM self_assessments a
JOIN campaigns c ON c.id = a.campaign_id AND c.year = 2026
CROSS JOIN (VALUES
    ('1.1.1', '好'), ('1.1.2', '达成'), ('1.2.1', '好'), ('1.2.2', '很饱满'), ('2.1.1', '好'), ('2.1.2', NULL),
    ('2.2.1', NULL), ('2.2.2', '达成'), ('3.1', '好'), ('3.2', NULL), ('4.1.1', NULL), ('4.1.2', '合理'),
    ('4.2.1', NULL), ('4.2.2', '合理'), ('5.1', NULL), ('5.2', NULL), ('6.1', '达成')) AS v(code, option)
WHERE NOT EXISTS (SELECT 1 FROM self_assessment_answers x WHERE x.self_assessment_id = a.id);

COMMIT;

SELECT count(*) AS units FROM campaign_units cu JOIN campaigns c ON c.id = cu.campaign_id WHERE c.year = 2026;
