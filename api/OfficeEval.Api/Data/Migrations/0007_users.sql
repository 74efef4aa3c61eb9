-- 0007: user administration: an account can be disabled by an administrator (sign-in and refresh refused).
ALTER TABLE users ADD COLUMN disabled_at timestamp with time zone;
