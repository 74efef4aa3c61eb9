-- 0015: change notifications for the copies of drafts that instances keep in memory to check drafts quickly
-- (Features/SelfAssessment/DraftCache.cs; docs/reliability.md, "Under load"). Every change to a draft or its answers
-- notifies channel officeeval_drafts with "<campaign id>/<unit id>"; a change to what a draft is checked against
-- (campaigns, their units, units, frameworks) notifies "*". Triggers, so no write path can forget; PostgreSQL delivers
-- a transaction's notifications when it commits, once per distinct payload.
CREATE FUNCTION officeeval_notify_draft_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    draft uuid;
BEGIN
    IF TG_TABLE_NAME = 'self_assessments' THEN
        IF TG_OP <> 'INSERT' THEN
            PERFORM pg_notify('officeeval_drafts', OLD.campaign_id::text || '/' || OLD.unit_id::text);
        END IF;
        IF TG_OP <> 'DELETE' THEN
            PERFORM pg_notify('officeeval_drafts', NEW.campaign_id::text || '/' || NEW.unit_id::text);
        END IF;
        RETURN NULL;
    END IF;

    draft := CASE WHEN TG_OP = 'DELETE' THEN OLD.self_assessment_id ELSE NEW.self_assessment_id END;
    PERFORM pg_notify('officeeval_drafts', coalesce(
        (SELECT s.campaign_id::text || '/' || s.unit_id::text FROM self_assessments s WHERE s.id = draft), '*'));
    RETURN NULL;
END $$;

CREATE FUNCTION officeeval_notify_drafts_context_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('officeeval_drafts', '*');
    RETURN NULL;
END $$;

CREATE TRIGGER self_assessments_notify AFTER INSERT OR UPDATE OR DELETE ON self_assessments
    FOR EACH ROW EXECUTE FUNCTION officeeval_notify_draft_changed();
CREATE TRIGGER self_assessment_answers_notify AFTER INSERT OR UPDATE OR DELETE ON self_assessment_answers
    FOR EACH ROW EXECUTE FUNCTION officeeval_notify_draft_changed();
CREATE TRIGGER campaigns_notify_drafts AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON campaigns
    FOR EACH STATEMENT EXECUTE FUNCTION officeeval_notify_drafts_context_changed();
CREATE TRIGGER campaign_units_notify_drafts AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON campaign_units
    FOR EACH STATEMENT EXECUTE FUNCTION officeeval_notify_drafts_context_changed();
CREATE TRIGGER units_notify_drafts AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON units
    FOR EACH STATEMENT EXECUTE FUNCTION officeeval_notify_drafts_context_changed();
CREATE TRIGGER frameworks_notify_drafts AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON frameworks
    FOR EACH STATEMENT EXECUTE FUNCTION officeeval_notify_drafts_context_changed();
