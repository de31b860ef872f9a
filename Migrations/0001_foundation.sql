-- Foundation: extensions every later migration may rely on.
-- pgcrypto: crypt()/gen_salt('bf') for passwords and hmac() for webhook signatures.
CREATE EXTENSION IF NOT EXISTS pgcrypto;
-- pg_trgm: trigram indexes for Japanese and English text search and near-duplicate names.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
