-- 0011: indicator mappings between framework versions (docs/history.md): per old dimension or leaf, the new one it
-- became, or NULL when dropped. A pair of frameworks without rows has no stored mapping (the suggestion applies).
CREATE TABLE framework_mappings (
    from_framework_id uuid NOT NULL,
    to_framework_id uuid NOT NULL,
    from_code character varying(50) NOT NULL,
    to_code character varying(50),
    note character varying(500),
    CONSTRAINT pk_framework_mappings PRIMARY KEY (from_framework_id, to_framework_id, from_code),
    CONSTRAINT fk_framework_mappings_frameworks_from_framework_id FOREIGN KEY (from_framework_id) REFERENCES frameworks (id) ON DELETE CASCADE,
    CONSTRAINT fk_framework_mappings_frameworks_to_framework_id FOREIGN KEY (to_framework_id) REFERENCES frameworks (id) ON DELETE CASCADE
);
CREATE INDEX ix_framework_mappings_to_framework_id ON framework_mappings (to_framework_id);
