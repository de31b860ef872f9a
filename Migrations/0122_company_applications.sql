-- A company asks to join Domino (signup31): a public form stores the application as `unconfirmed`, a mailed link
-- (only the SHA-256 digest of its 32 random bytes is stored, as for password links; 3 days, once) makes it `waiting`,
-- and an administrator approves it (a company and the applicant's invited user, in one transaction) or declines it
-- with a reason mailed to the applicant. Owned by the Companies module. Lengths are the service's rule (in characters).
CREATE TABLE company_applications (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    state text NOT NULL CHECK (state IN ('unconfirmed', 'waiting', 'approved', 'declined')),
    name_ja text CHECK (name_ja <> ''),
    name_en text CHECK (name_en <> ''),
    corporate_number text CHECK (corporate_number_is_valid(corporate_number)),
    website text,
    size text NOT NULL CHECK (size IN ('sme', 'large')),
    offer text NOT NULL CHECK (offer <> ''),
    applicant_name text NOT NULL CHECK (applicant_name <> ''),
    email text NOT NULL CHECK (email <> ''),
    department text,
    consented_at timestamptz NOT NULL,
    token_digest bytea UNIQUE CHECK (octet_length(token_digest) = 32),
    link_expires_at timestamptz NOT NULL,
    links_sent integer NOT NULL DEFAULT 1 CHECK (links_sent >= 1),
    created_at timestamptz NOT NULL,
    confirmed_at timestamptz,
    decided_at timestamptz,
    decided_by uuid,
    company_id uuid REFERENCES companies (id) ON DELETE SET NULL,
    decline_reason text,
    CHECK (name_ja IS NOT NULL OR name_en IS NOT NULL),
    CHECK ((state = 'unconfirmed') = (confirmed_at IS NULL)),
    CHECK ((state IN ('approved', 'declined')) = (decided_at IS NOT NULL)),
    CHECK (state <> 'declined' OR decline_reason IS NOT NULL)
);
-- One open application per address: a second one while the first waits is not a second row.
CREATE UNIQUE INDEX company_applications_open_email ON company_applications (email) WHERE state IN ('unconfirmed', 'waiting');
CREATE INDEX company_applications_waiting ON company_applications (confirmed_at) WHERE state = 'waiting';
CREATE INDEX company_applications_unconfirmed ON company_applications (link_expires_at) WHERE state = 'unconfirmed';
CREATE INDEX company_applications_company ON company_applications (company_id);

ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_kind_check;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_kind_check
    CHECK (kind IN ('registration_confirmation', 'waitlist_promotion', 'event_reminder', 'registration_cancelled', 'organizer_message',
                    'password_reset', 'company_application'));
