-- 0012: Microsoft Entra ID sign-in: an account may be linked to one Entra object id (oid), and an oid to one account.
ALTER TABLE users ADD COLUMN entra_object_id uuid;
CREATE UNIQUE INDEX ix_users_entra_object_id ON users (entra_object_id);
