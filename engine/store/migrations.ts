/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many
 * ran. Never edit a shipped migration: append a new one.
 */
export const migrations: readonly string[] = [
  /* 1: code sets, records, decisions, audit, imports */ `
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;

  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('coder', 'supervisor', 'admin')),
    -- Set by a supervisor, for the paper's comparison of assisted, black-box and manual coding.
    coding_mode TEXT NOT NULL DEFAULT 'assisted' CHECK (coding_mode IN ('assisted', 'black-box', 'manual')),
    created_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE code_sets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    version TEXT NOT NULL,
    language TEXT NOT NULL,
    label TEXT NOT NULL,
    code_count INTEGER NOT NULL,
    source_sha256 TEXT NOT NULL,
    installed_at TEXT NOT NULL,
    UNIQUE (name, version)
  ) STRICT;

  CREATE TABLE codes (
    code_set_id INTEGER NOT NULL REFERENCES code_sets(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    parent TEXT,
    level TEXT NOT NULL CHECK (level IN ('chapter', 'block', 'category', 'code')),
    assignable INTEGER NOT NULL CHECK (assignable IN (0, 1)),
    -- Upper-cased code without dots, spaces or hyphens: 'e11.9' and 'E119' find the same code.
    code_key TEXT NOT NULL,
    PRIMARY KEY (code_set_id, code)
  ) STRICT;
  CREATE INDEX codes_by_key ON codes (code_set_id, code_key);
  CREATE INDEX codes_by_parent ON codes (code_set_id, parent);

  CREATE TABLE code_terms (
    id INTEGER PRIMARY KEY,
    code_set_id INTEGER NOT NULL,
    code TEXT NOT NULL,
    term TEXT NOT NULL,
    language TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('title', 'synonym', 'index')),
    FOREIGN KEY (code_set_id, code) REFERENCES codes(code_set_id, code) ON DELETE CASCADE
  ) STRICT;
  CREATE INDEX code_terms_by_code ON code_terms (code_set_id, code);
  -- Whole-term prefix search ("fracture" → "Fracture of …") without touching the FTS index.
  CREATE INDEX code_terms_by_prefix ON code_terms (code_set_id, lower(term));

  -- Trigram FTS serves Chinese and Latin scripts alike, and infix as well as prefix search.
  CREATE VIRTUAL TABLE code_terms_fts USING fts5(
    term, content = 'code_terms', content_rowid = 'id', tokenize = 'trigram remove_diacritics 1'
  );
  -- No insert trigger: installCodeSet indexes a whole code set with one INSERT … SELECT,
  -- 4× faster than a row trigger (ICD-10-CM, 207k terms: 16 s → 4 s).
  CREATE TRIGGER code_terms_ad AFTER DELETE ON code_terms BEGIN
    INSERT INTO code_terms_fts (code_terms_fts, rowid, term) VALUES ('delete', old.id, old.term);
  END;

  CREATE TABLE import_runs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('records', 'code-set')),
    format TEXT NOT NULL,
    source TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    inserted INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    actor TEXT NOT NULL
  ) STRICT;

  CREATE TABLE import_rejects (
    import_run_id INTEGER NOT NULL REFERENCES import_runs(id) ON DELETE CASCADE,
    file TEXT NOT NULL,
    line INTEGER NOT NULL,
    reason TEXT NOT NULL
  ) STRICT;

  CREATE TABLE records (
    id INTEGER PRIMARY KEY,
    external_id TEXT NOT NULL UNIQUE,
    language TEXT NOT NULL,
    split TEXT NOT NULL CHECK (split IN ('train', 'dev', 'test', 'background', 'none')),
    patient_id TEXT,
    encounter_id TEXT,
    department TEXT,
    admitted_at TEXT,
    discharged_at TEXT,
    -- sha256 of the imported content: re-importing an unchanged record is a no-op.
    content_sha256 TEXT NOT NULL,
    import_run_id INTEGER REFERENCES import_runs(id),
    imported_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE record_sections (
    record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (record_id, position)
  ) STRICT;

  CREATE TABLE diagnosis_names (
    record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    is_primary INTEGER NOT NULL CHECK (is_primary IN (0, 1)),
    injected_error TEXT CHECK (injected_error IN ('vague', 'wrong', 'missing')),
    original_text TEXT,
    PRIMARY KEY (record_id, position)
  ) STRICT;

  -- Reference labels that came with the data (gold standard, EMR codes): not coder decisions.
  CREATE TABLE gold_codes (
    record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    is_primary INTEGER NOT NULL CHECK (is_primary IN (0, 1)),
    PRIMARY KEY (record_id, code)
  ) STRICT;

  CREATE TABLE evidence_mentions (
    record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('diagnosis', 'procedure')),
    text TEXT NOT NULL,
    spans TEXT NOT NULL
  ) STRICT;
  CREATE INDEX evidence_mentions_by_record ON evidence_mentions (record_id);

  -- Coder decisions: one row per submitted version, never updated or deleted.
  CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    record_id INTEGER NOT NULL REFERENCES records(id),
    version INTEGER NOT NULL CHECK (version > 0),
    coder TEXT NOT NULL REFERENCES users(id),
    code_set_id INTEGER NOT NULL REFERENCES code_sets(id),
    comment TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    -- Active coding time (window visible, coder not idle), for the paper's effort measures.
    active_ms INTEGER NOT NULL CHECK (active_ms >= 0),
    -- What the coder saw: assisted (all decision support), black-box (suggestions only), manual (no AI).
    mode TEXT NOT NULL CHECK (mode IN ('assisted', 'black-box', 'manual')),
    UNIQUE (record_id, version)
  ) STRICT;
  CREATE TABLE decision_codes (
    decision_id INTEGER NOT NULL REFERENCES decisions(id),
    code TEXT NOT NULL,
    is_primary INTEGER NOT NULL CHECK (is_primary IN (0, 1)),
    PRIMARY KEY (decision_id, code)
  ) STRICT;
  CREATE TRIGGER decisions_never_updated BEFORE UPDATE ON decisions BEGIN
    SELECT RAISE(ABORT, 'decisions are versioned: submit a new version instead');
  END;
  CREATE TRIGGER decisions_never_deleted BEFORE DELETE ON decisions BEGIN
    SELECT RAISE(ABORT, 'decisions are versioned: submit a new version instead');
  END;
  CREATE TRIGGER decision_codes_never_updated BEFORE UPDATE ON decision_codes BEGIN
    SELECT RAISE(ABORT, 'decision codes are part of a submitted version');
  END;
  CREATE TRIGGER decision_codes_never_deleted BEFORE DELETE ON decision_codes BEGIN
    SELECT RAISE(ABORT, 'decision codes are part of a submitted version');
  END;

  -- Append-only, hash-chained: each row's hash covers the previous row's hash.
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  ) STRICT;
  CREATE TRIGGER audit_never_updated BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
  END;
  CREATE TRIGGER audit_never_deleted BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
  END;
  `,
  /* 2: diagnosis-name normaliser: coder-confirmed (name, code) pairs; noisy labels from names */ `
  -- A diagnosis name a coder confirmed as meaning a code; the normaliser learns from every row.
  CREATE TABLE name_code_pairs (
    id INTEGER PRIMARY KEY,
    code_set_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    code TEXT NOT NULL,
    record_id INTEGER REFERENCES records(id) ON DELETE SET NULL,
    confirmed_by TEXT NOT NULL,
    confirmed_at TEXT NOT NULL,
    FOREIGN KEY (code_set_id, code) REFERENCES codes(code_set_id, code) ON DELETE CASCADE
  ) STRICT;
  CREATE INDEX name_code_pairs_by_code_set ON name_code_pairs (code_set_id, id);

  -- Noisy labels: codes the normaliser found for a record's diagnosis names, with provenance.
  -- Replaced as a whole per record and code set on each labelling run.
  CREATE TABLE name_labels (
    record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    code_set_id INTEGER NOT NULL,
    code TEXT NOT NULL,
    confidence REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
    accepted INTEGER NOT NULL CHECK (accepted IN (0, 1)),
    matched_term TEXT NOT NULL,
    matched_via TEXT NOT NULL CHECK (matched_via IN ('title', 'pair')),
    name_part TEXT NOT NULL,
    labeller TEXT NOT NULL,
    labelled_at TEXT NOT NULL,
    PRIMARY KEY (record_id, position, code_set_id, code),
    FOREIGN KEY (code_set_id, code) REFERENCES codes(code_set_id, code) ON DELETE CASCADE
  ) STRICT;
  CREATE INDEX name_labels_by_code ON name_labels (code_set_id, code);
  `,
  /* 3: kNN datastore of the coding model: one document embedding per clean or coder-submitted record, per model */ `
  -- The HNSW index file is a cache of this table: rebuilt from it when missing or stale.
  CREATE TABLE knn_items (
    model_version TEXT NOT NULL,
    record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    -- Float32 little-endian, the model's embedding dimension.
    embedding BLOB NOT NULL,
    -- JSON array of the record's codes at the time it was added (gold or the coder's latest decision).
    codes TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('clean', 'decision')),
    added_at TEXT NOT NULL,
    PRIMARY KEY (model_version, record_id)
  ) STRICT;
  `,
  /* 4: record queue filters: department, language, discharge date */ `
  -- The queue filters by these and sorts by discharge date, also within one department or language
  -- (bench, 100k records: newest-discharge page 40 → 0.2 ms, one department counted 31 → 2 ms, one
  -- month 35 → 2 ms). The first two also give the filter menus their values, one seek per value.
  CREATE INDEX records_by_department ON records (department, discharged_at);
  CREATE INDEX records_by_language ON records (language, discharged_at);
  CREATE INDEX records_by_discharge ON records (discharged_at);
  `,
  /* 5: what the coder did with the model's suggestions, per submitted version */ `
  -- Every code suggested above the coder's threshold, and every code accepted from or rejected
  -- among the suggestions: the paper's measures of how much of the AI was taken and what it missed.
  CREATE TABLE decision_suggestions (
    decision_id INTEGER NOT NULL REFERENCES decisions(id),
    code TEXT NOT NULL,
    model_version TEXT NOT NULL,
    threshold REAL NOT NULL CHECK (threshold BETWEEN 0 AND 1),
    probability REAL NOT NULL CHECK (probability BETWEEN 0 AND 1),
    outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'rejected', 'ignored')),
    PRIMARY KEY (decision_id, code)
  ) STRICT;
  CREATE TRIGGER decision_suggestions_never_updated BEFORE UPDATE ON decision_suggestions BEGIN
    SELECT RAISE(ABORT, 'suggestion outcomes are part of a submitted version');
  END;
  CREATE TRIGGER decision_suggestions_never_deleted BEFORE DELETE ON decision_suggestions BEGIN
    SELECT RAISE(ABORT, 'suggestion outcomes are part of a submitted version');
  END;
  `,
  /* 6: the patient's sex and age on each record, for the coding rules (unknown where the source has none) */ `
  -- NULL is "not recorded" (CodiEsp has neither): rules that need them are then reported as unchecked, never guessed.
  ALTER TABLE records ADD COLUMN sex TEXT CHECK (sex IN ('female', 'male'));
  -- Whole years at admission; age_days only where a birth date and an admission date give it (newborns).
  ALTER TABLE records ADD COLUMN age INTEGER CHECK (age BETWEEN 0 AND 150);
  ALTER TABLE records ADD COLUMN age_days INTEGER CHECK (age_days >= 0);
  `,
  /* 7: coding rule sets edited in the workspace: every version kept */ `
  -- The built-in rule sets live in the code (engine/rules/default-rule-sets.ts); a hospital's edit
  -- is stored here as a new version of the whole set, never changed in place (audited on import).
  CREATE TABLE coding_rule_sets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version > 0),
    body TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    UNIQUE (name, version)
  ) STRICT;
  CREATE TRIGGER coding_rule_sets_never_updated BEFORE UPDATE ON coding_rule_sets BEGIN
    SELECT RAISE(ABORT, 'rule sets are versioned: import a new version instead');
  END;
  CREATE TRIGGER coding_rule_sets_never_deleted BEFORE DELETE ON coding_rule_sets BEGIN
    SELECT RAISE(ABORT, 'rule sets are versioned: import a new version instead');
  END;
  `,
  /* 8: what a submission decided about rules, the suggested primary and the name flags (supervisor review) */ `
  -- A coder kept codes a rule warned about: which rule, which codes, why.
  CREATE TABLE decision_rule_overrides (
    decision_id INTEGER NOT NULL REFERENCES decisions(id),
    rule_id TEXT NOT NULL,
    -- The codes the warning was about, comma-separated in the order the warning named them.
    codes TEXT NOT NULL,
    reason TEXT NOT NULL,
    -- The warning as the coder read it.
    message TEXT NOT NULL,
    PRIMARY KEY (decision_id, rule_id, codes)
  ) STRICT;
  -- The primary the model and rules suggested when the coder submitted, beside the one confirmed.
  CREATE TABLE decision_primary (
    decision_id INTEGER PRIMARY KEY REFERENCES decisions(id),
    suggested_code TEXT,
    suggested_probability REAL CHECK (suggested_probability BETWEEN 0 AND 1),
    model_version TEXT,
    confirmed_code TEXT NOT NULL,
    -- 1 when the coder chose another primary than the suggested one (and confirmed it).
    differs INTEGER NOT NULL CHECK (differs IN (0, 1))
  ) STRICT;
  CREATE INDEX decision_primary_differs ON decision_primary (differs);
  -- A name-quality flag the coder dismissed, and why.
  CREATE TABLE decision_flag_dismissals (
    decision_id INTEGER NOT NULL REFERENCES decisions(id),
    kind TEXT NOT NULL CHECK (kind IN ('missing', 'vague', 'wrong')),
    -- The diagnosis name it pointed at ('' for a missing-name flag) and its code.
    name TEXT NOT NULL,
    code TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (decision_id, kind, name, code)
  ) STRICT;
  CREATE TRIGGER decision_rule_overrides_never_changed BEFORE UPDATE ON decision_rule_overrides BEGIN
    SELECT RAISE(ABORT, 'rule overrides are part of a submitted version');
  END;
  CREATE TRIGGER decision_rule_overrides_never_deleted BEFORE DELETE ON decision_rule_overrides BEGIN
    SELECT RAISE(ABORT, 'rule overrides are part of a submitted version');
  END;
  CREATE TRIGGER decision_primary_never_changed BEFORE UPDATE ON decision_primary BEGIN
    SELECT RAISE(ABORT, 'the primary of a submitted version is part of it');
  END;
  CREATE TRIGGER decision_primary_never_deleted BEFORE DELETE ON decision_primary BEGIN
    SELECT RAISE(ABORT, 'the primary of a submitted version is part of it');
  END;
  CREATE TRIGGER decision_flag_dismissals_never_changed BEFORE UPDATE ON decision_flag_dismissals BEGIN
    SELECT RAISE(ABORT, 'flag dismissals are part of a submitted version');
  END;
  CREATE TRIGGER decision_flag_dismissals_never_deleted BEFORE DELETE ON decision_flag_dismissals BEGIN
    SELECT RAISE(ABORT, 'flag dismissals are part of a submitted version');
  END;
  `,
  /* 9: unsubmitted coding drafts, per user and record */ `
  -- Work in progress, not a decision: replaced as the coder works, removed when they submit or
  -- discard it, so it survives a reload or a restarted engine. Not audited: nothing here is a
  -- stored fact until it is submitted (then the decision and its audit row are).
  CREATE TABLE coding_drafts (
    user_id TEXT NOT NULL REFERENCES users(id),
    record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    base_version INTEGER NOT NULL CHECK (base_version >= 0),
    body TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (user_id, record_id)
  ) STRICT;
  `,
  /* 10: (name, code) pairs learned from imported gold codes, aligned to the record's diagnosis names */ `
  -- Derived from gold_codes and diagnosis_names (both imported facts): re-aligned when the record's
  -- content changes (record_sha256), so they are replaced per record rather than versioned. Coder
  -- confirmations stay in name_code_pairs, apart from these.
  CREATE TABLE gold_name_pairs (
    id INTEGER PRIMARY KEY,
    code_set_id INTEGER NOT NULL,
    record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    record_sha256 TEXT NOT NULL,
    name TEXT NOT NULL,
    code TEXT NOT NULL,
    score REAL NOT NULL,
    aligned_at TEXT NOT NULL,
    FOREIGN KEY (code_set_id, code) REFERENCES codes(code_set_id, code) ON DELETE CASCADE
  ) STRICT;
  CREATE INDEX gold_name_pairs_by_record ON gold_name_pairs (code_set_id, record_id);
  -- Which content of each record was aligned (a record whose codes no name explains has no pairs but is aligned).
  CREATE TABLE gold_alignments (
    code_set_id INTEGER NOT NULL,
    record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    record_sha256 TEXT NOT NULL,
    aligned_at TEXT NOT NULL,
    PRIMARY KEY (code_set_id, record_id)
  ) STRICT;
  `,
  /* 11: the admin's synonym and abbreviation lexicon for diagnosis names, every edit a new version */ `
  CREATE TABLE name_synonyms (
    id INTEGER PRIMARY KEY,
    term TEXT NOT NULL,
    -- The wording code titles use; empty for a removal.
    expansion TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('add', 'remove')),
    version INTEGER NOT NULL UNIQUE CHECK (version > 0),
    actor TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    reason TEXT
  ) STRICT;
  CREATE TRIGGER name_synonyms_never_updated BEFORE UPDATE ON name_synonyms BEGIN
    SELECT RAISE(ABORT, 'the synonym lexicon is versioned: add a new edit instead');
  END;
  CREATE TRIGGER name_synonyms_never_deleted BEFORE DELETE ON name_synonyms BEGIN
    SELECT RAISE(ABORT, 'the synonym lexicon is versioned: add a new edit instead');
  END;
  `,
  /* 12: model trust (issue 16b): keys a workspace admin trusts, and every model the workspace switched to, pinned by manifest hash */ `
  -- Append-only: trusting and revoking a key are events; the key's state is its latest event.
  CREATE TABLE model_key_events (
    id INTEGER PRIMARY KEY,
    key_id TEXT NOT NULL,
    public_key TEXT NOT NULL,
    name TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('trust', 'revoke')),
    actor TEXT NOT NULL,
    at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX model_key_events_by_key ON model_key_events (key_id, id);
  CREATE TRIGGER model_key_events_never_updated BEFORE UPDATE ON model_key_events BEGIN
    SELECT RAISE(ABORT, 'key trust is append-only: trust or revoke again');
  END;
  CREATE TRIGGER model_key_events_never_deleted BEFORE DELETE ON model_key_events BEGIN
    SELECT RAISE(ABORT, 'key trust is append-only: trust or revoke again');
  END;

  -- The model in use is the latest row; each row pins the bundle by its manifest's sha256.
  CREATE TABLE model_switches (
    id INTEGER PRIMARY KEY,
    bundle_dir TEXT NOT NULL,
    model_version TEXT NOT NULL,
    manifest_sha256 TEXT NOT NULL,
    model_created_at TEXT NOT NULL,
    code_set_name TEXT NOT NULL,
    code_set_version TEXT NOT NULL,
    signature TEXT NOT NULL CHECK (signature IN ('trusted', 'unsigned', 'untrusted')),
    signer_key_id TEXT,
    signer_name TEXT,
    golden_max_difference REAL NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('use', 'rollback', 'pin-existing')),
    reason TEXT,
    actor TEXT NOT NULL,
    at TEXT NOT NULL
  ) STRICT;
  CREATE TRIGGER model_switches_never_updated BEFORE UPDATE ON model_switches BEGIN
    SELECT RAISE(ABORT, 'model switches are append-only: switch again');
  END;
  CREATE TRIGGER model_switches_never_deleted BEFORE DELETE ON model_switches BEGIN
    SELECT RAISE(ABORT, 'model switches are append-only: switch again');
  END;
  `,
  /* 13: record versions: a re-import never overwrites what a record said (issue 16) */ `
  -- The record's content version: 1 as first imported, +1 each time a re-import brings other content.
  ALTER TABLE records ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0);
  -- Every superseded version's content as it was (sections, names, gold codes, mentions, header
  -- fields) as JSON; the current version lives in the usual tables. Never updated or deleted.
  CREATE TABLE record_versions (
    record_id INTEGER NOT NULL REFERENCES records(id),
    version INTEGER NOT NULL CHECK (version > 0),
    content_sha256 TEXT NOT NULL,
    content TEXT NOT NULL,
    import_run_id INTEGER REFERENCES import_runs(id),
    imported_at TEXT NOT NULL,
    superseded_by_import_run_id INTEGER NOT NULL REFERENCES import_runs(id),
    superseded_at TEXT NOT NULL,
    PRIMARY KEY (record_id, version)
  ) STRICT;
  CREATE TRIGGER record_versions_never_updated BEFORE UPDATE ON record_versions BEGIN
    SELECT RAISE(ABORT, 'record versions are kept as imported');
  END;
  CREATE TRIGGER record_versions_never_deleted BEFORE DELETE ON record_versions BEGIN
    SELECT RAISE(ABORT, 'record versions are kept as imported');
  END;
  -- The record version a coder coded: a decision on an older version than the record's is due for re-review.
  ALTER TABLE decisions ADD COLUMN record_version INTEGER NOT NULL DEFAULT 1;
  `,
  /* 14: the kNN index file's checksum: a file that does not match is rebuilt, never parsed (issue 16) */ `
  -- hnswlib trusts the file it reads (a crafted entry point or link count crashes the process),
  -- so the engine reads only a file whose sha256 it recorded itself when writing it.
  CREATE TABLE knn_index_files (
    model_version TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    items INTEGER NOT NULL,
    written_at TEXT NOT NULL
  ) STRICT;
  `,
  /* 15: accounts (issue 15): the auditor role, password hashes, lockout, study settings, CLI tokens */ `
  -- needs: foreign-keys-off
  -- users is rebuilt to widen its role CHECK (SQLite cannot alter a CHECK); decisions
  -- keep referring to it by name, and the runner checks every foreign key before commit.
  CREATE TABLE users_new (
    id TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('coder', 'supervisor', 'admin', 'auditor')),
    coding_mode TEXT NOT NULL DEFAULT 'assisted' CHECK (coding_mode IN ('assisted', 'black-box', 'manual')),
    created_at TEXT NOT NULL,
    -- scrypt$log2N$r$p$salt$hash; NULL: the account cannot sign in until an administrator sets a password.
    password_hash TEXT,
    -- Set by an administrator's reset: the user chooses a new password at the next sign-in.
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    disabled_at TEXT,
    failed_sign_ins INTEGER NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
    locked_until TEXT,
    -- A supervisor's label for the study arm or cohort this coder belongs to (the pilot's groups).
    study_group TEXT
  ) STRICT;
  INSERT INTO users_new (id, display_name, role, coding_mode, created_at)
    SELECT id, display_name, role, coding_mode, created_at FROM users;
  DROP TABLE users;
  ALTER TABLE users_new RENAME TO users;

  -- Local tokens an administrator issues so scripts can run the CLI as a named user.
  -- Only the SHA-256 of a token is kept (tokens are 256-bit random, so no KDF is needed).
  CREATE TABLE cli_tokens (
    id INTEGER PRIMARY KEY,
    token_sha256 TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users(id),
    label TEXT NOT NULL,
    issued_by TEXT NOT NULL REFERENCES users(id),
    issued_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
  ) STRICT;
  `,
  /* 16: an audit trail (issue 15) that proves itself: keyed chain, content hashes, decision tables that take new versions only */ `
  -- Rebuilt with AUTOINCREMENT, so the id of a deleted row is never handed out again: a checkpoint
  -- that names row 812 keeps meaning that row. Rows written before this migration keep the plain
  -- SHA-256 chain ('sha256'); every new row is chained with HMAC-SHA-256 under the workspace key
  -- kept outside the database ('hmac-sha256'), and carries the SHA-256 of the content it records
  -- (a decision as stored, else its detail), which verify recomputes.
  CREATE TABLE audit_log_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    scheme TEXT NOT NULL DEFAULT 'sha256' CHECK (scheme IN ('sha256', 'hmac-sha256')),
    content_hash TEXT NOT NULL DEFAULT ''
  ) STRICT;
  INSERT INTO audit_log_new (id, at, actor, action, entity, entity_id, detail, prev_hash, hash)
    SELECT id, at, actor, action, entity, entity_id, detail, prev_hash, hash FROM audit_log ORDER BY id;
  DROP TABLE audit_log;
  ALTER TABLE audit_log_new RENAME TO audit_log;
  CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id);
  CREATE INDEX audit_log_by_actor ON audit_log (actor, at);
  CREATE INDEX audit_log_by_at ON audit_log (at);
  CREATE TRIGGER audit_never_updated BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
  END;
  CREATE TRIGGER audit_never_deleted BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
  END;

  -- INSERT OR REPLACE deletes the row it replaces without firing delete triggers, so the tables
  -- also refuse, before any insert, a row that would collide with one already stored, and a
  -- decision that is not its record's next version. Codes and suggestion outcomes join only the
  -- newest decision (the one being submitted in the same transaction).
  CREATE TRIGGER decisions_only_next_version BEFORE INSERT ON decisions
  WHEN EXISTS (SELECT 1 FROM decisions WHERE id = NEW.id)
    OR NEW.version <> coalesce((SELECT max(version) FROM decisions WHERE record_id = NEW.record_id), 0) + 1
  BEGIN
    SELECT RAISE(ABORT, 'decisions are versioned: only the next version of a record can be added');
  END;
  CREATE TRIGGER decision_codes_only_new BEFORE INSERT ON decision_codes
  WHEN EXISTS (SELECT 1 FROM decision_codes WHERE decision_id = NEW.decision_id AND code = NEW.code)
    OR NEW.decision_id IS NOT (SELECT max(id) FROM decisions)
  BEGIN
    SELECT RAISE(ABORT, 'decision codes are part of a submitted version');
  END;
  CREATE TRIGGER decision_suggestions_only_new BEFORE INSERT ON decision_suggestions
  WHEN EXISTS (SELECT 1 FROM decision_suggestions WHERE decision_id = NEW.decision_id AND code = NEW.code)
    OR NEW.decision_id IS NOT (SELECT max(id) FROM decisions)
  BEGIN
    SELECT RAISE(ABORT, 'suggestion outcomes are part of a submitted version');
  END;
  -- Issue 14's facts of a submitted version (rule overrides, the primary, flag dismissals) are part
  -- of it like its codes: added with the newest decision only, never replacing a stored row. (Drafts
  -- are working state, replaced as the coder works and not audited: they are not guarded here.)
  CREATE TRIGGER decision_rule_overrides_only_new BEFORE INSERT ON decision_rule_overrides
  WHEN EXISTS (SELECT 1 FROM decision_rule_overrides WHERE decision_id = NEW.decision_id AND rule_id = NEW.rule_id AND codes = NEW.codes)
    OR NEW.decision_id IS NOT (SELECT max(id) FROM decisions)
  BEGIN
    SELECT RAISE(ABORT, 'rule overrides are part of a submitted version');
  END;
  CREATE TRIGGER decision_primary_only_new BEFORE INSERT ON decision_primary
  WHEN EXISTS (SELECT 1 FROM decision_primary WHERE decision_id = NEW.decision_id)
    OR NEW.decision_id IS NOT (SELECT max(id) FROM decisions)
  BEGIN
    SELECT RAISE(ABORT, 'the primary of a submitted version is part of it');
  END;
  CREATE TRIGGER decision_flag_dismissals_only_new BEFORE INSERT ON decision_flag_dismissals
  WHEN EXISTS (SELECT 1 FROM decision_flag_dismissals WHERE decision_id = NEW.decision_id AND kind = NEW.kind AND name = NEW.name AND code = NEW.code)
    OR NEW.decision_id IS NOT (SELECT max(id) FROM decisions)
  BEGIN
    SELECT RAISE(ABORT, 'flag dismissals are part of a submitted version');
  END;
  CREATE TRIGGER audit_only_appended BEFORE INSERT ON audit_log
  WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
  BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
  END;
  -- The other stored facts kept as versions (record versions, model trust, the synonym lexicon)
  -- already refuse UPDATE and DELETE; INSERT OR REPLACE would slip past those triggers the same way.
  CREATE TRIGGER record_versions_only_new BEFORE INSERT ON record_versions
  WHEN EXISTS (SELECT 1 FROM record_versions WHERE record_id = NEW.record_id AND version = NEW.version)
  BEGIN
    SELECT RAISE(ABORT, 'record versions are kept as imported');
  END;
  CREATE TRIGGER model_key_events_only_appended BEFORE INSERT ON model_key_events
  WHEN EXISTS (SELECT 1 FROM model_key_events WHERE id = NEW.id)
  BEGIN
    SELECT RAISE(ABORT, 'key trust is append-only: trust or revoke again');
  END;
  CREATE TRIGGER model_switches_only_appended BEFORE INSERT ON model_switches
  WHEN EXISTS (SELECT 1 FROM model_switches WHERE id = NEW.id)
  BEGIN
    SELECT RAISE(ABORT, 'model switches are append-only: switch again');
  END;
  CREATE TRIGGER name_synonyms_only_appended BEFORE INSERT ON name_synonyms
  WHEN EXISTS (SELECT 1 FROM name_synonyms WHERE id = NEW.id OR version = NEW.version)
  BEGIN
    SELECT RAISE(ABORT, 'the synonym lexicon is versioned: add a new edit instead');
  END;
  `,
  /* 17: supervision (issue 15): work assignments (coding, double coding, annotation…), blind second codings, reviews */ `
  -- A batch of records given to coders for a purpose ('coding', 'double-coding', and other desks'
  -- purposes such as 'annotation'): kept open-ended here, checked against the contract's list in code.
  CREATE TABLE work_batches (
    id INTEGER PRIMARY KEY,
    purpose TEXT NOT NULL,
    label TEXT NOT NULL,
    -- How the records were chosen (department, language, model confidence band, sample size, seed), as JSON.
    criteria TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
  ) STRICT;
  CREATE TABLE work_assignments (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES work_batches(id),
    record_id INTEGER NOT NULL REFERENCES records(id),
    assignee TEXT NOT NULL REFERENCES users(id),
    UNIQUE (batch_id, record_id, assignee)
  ) STRICT;
  CREATE INDEX work_assignments_by_assignee ON work_assignments (assignee, record_id);
  CREATE INDEX work_assignments_by_record ON work_assignments (record_id);
  -- Withdrawing a batch is a new row, never a deletion of the assignments.
  CREATE TABLE work_batch_closures (
    batch_id INTEGER PRIMARY KEY REFERENCES work_batches(id),
    closed_by TEXT NOT NULL REFERENCES users(id),
    closed_at TEXT NOT NULL,
    reason TEXT NOT NULL
  ) STRICT;

  -- Double coding: the second, blind coding of a record, versioned like decisions but apart from
  -- them (the record's own coding stays the first coder's); never updated or deleted.
  CREATE TABLE second_codings (
    id INTEGER PRIMARY KEY,
    assignment_id INTEGER NOT NULL REFERENCES work_assignments(id),
    record_id INTEGER NOT NULL REFERENCES records(id),
    version INTEGER NOT NULL CHECK (version > 0),
    coder TEXT NOT NULL REFERENCES users(id),
    code_set_id INTEGER NOT NULL REFERENCES code_sets(id),
    comment TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    active_ms INTEGER NOT NULL CHECK (active_ms >= 0),
    mode TEXT NOT NULL CHECK (mode IN ('assisted', 'black-box', 'manual')),
    UNIQUE (assignment_id, version)
  ) STRICT;
  CREATE INDEX second_codings_by_record ON second_codings (record_id);
  CREATE TABLE second_coding_codes (
    second_coding_id INTEGER NOT NULL REFERENCES second_codings(id),
    code TEXT NOT NULL,
    is_primary INTEGER NOT NULL CHECK (is_primary IN (0, 1)),
    PRIMARY KEY (second_coding_id, code)
  ) STRICT;

  -- A supervisor's verdict on one submitted version: approved, or returned with a comment. The
  -- coder's answer to a return is a new version, which waits for its own verdict.
  CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    decision_id INTEGER NOT NULL UNIQUE REFERENCES decisions(id),
    reviewer TEXT NOT NULL REFERENCES users(id),
    verdict TEXT NOT NULL CHECK (verdict IN ('approved', 'returned')),
    comment TEXT NOT NULL,
    -- Why the version was in the review queue, as JSON (empty when reviewed from elsewhere).
    reasons TEXT NOT NULL,
    reviewed_at TEXT NOT NULL
  ) STRICT;

  -- The model's best probability per record, per model version: a cache for choosing batches by
  -- model confidence, rebuilt from the model whenever missing.
  CREATE TABLE record_confidence (
    model_version TEXT NOT NULL,
    record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    top_probability REAL NOT NULL CHECK (top_probability BETWEEN 0 AND 1),
    PRIMARY KEY (model_version, record_id)
  ) STRICT;
  
  CREATE TRIGGER work_batches_never_updated BEFORE UPDATE ON work_batches BEGIN
    SELECT RAISE(ABORT, 'work batches are kept as written: add a new row instead');
  END;
  CREATE TRIGGER work_batches_never_deleted BEFORE DELETE ON work_batches BEGIN
    SELECT RAISE(ABORT, 'work batches are kept as written: add a new row instead');
  END;
  CREATE TRIGGER work_assignments_never_updated BEFORE UPDATE ON work_assignments BEGIN
    SELECT RAISE(ABORT, 'work assignments are kept as written: add a new row instead');
  END;
  CREATE TRIGGER work_assignments_never_deleted BEFORE DELETE ON work_assignments BEGIN
    SELECT RAISE(ABORT, 'work assignments are kept as written: add a new row instead');
  END;
  CREATE TRIGGER work_batch_closures_never_updated BEFORE UPDATE ON work_batch_closures BEGIN
    SELECT RAISE(ABORT, 'work batch closures are kept as written: add a new row instead');
  END;
  CREATE TRIGGER work_batch_closures_never_deleted BEFORE DELETE ON work_batch_closures BEGIN
    SELECT RAISE(ABORT, 'work batch closures are kept as written: add a new row instead');
  END;
  CREATE TRIGGER second_codings_never_updated BEFORE UPDATE ON second_codings BEGIN
    SELECT RAISE(ABORT, 'second codings are kept as written: add a new row instead');
  END;
  CREATE TRIGGER second_codings_never_deleted BEFORE DELETE ON second_codings BEGIN
    SELECT RAISE(ABORT, 'second codings are kept as written: add a new row instead');
  END;
  CREATE TRIGGER second_coding_codes_never_updated BEFORE UPDATE ON second_coding_codes BEGIN
    SELECT RAISE(ABORT, 'second coding codes are kept as written: add a new row instead');
  END;
  CREATE TRIGGER second_coding_codes_never_deleted BEFORE DELETE ON second_coding_codes BEGIN
    SELECT RAISE(ABORT, 'second coding codes are kept as written: add a new row instead');
  END;
  CREATE TRIGGER reviews_never_updated BEFORE UPDATE ON reviews BEGIN
    SELECT RAISE(ABORT, 'reviews are kept as written: add a new row instead');
  END;
  CREATE TRIGGER reviews_never_deleted BEFORE DELETE ON reviews BEGIN
    SELECT RAISE(ABORT, 'reviews are kept as written: add a new row instead');
  END;
  -- As for decisions: no row replaced by INSERT OR REPLACE, and second codings only as the next version.
  CREATE TRIGGER second_codings_only_next_version BEFORE INSERT ON second_codings
  WHEN EXISTS (SELECT 1 FROM second_codings WHERE id = NEW.id)
    OR NEW.version <> coalesce((SELECT max(version) FROM second_codings WHERE assignment_id = NEW.assignment_id), 0) + 1
  BEGIN
    SELECT RAISE(ABORT, 'second codings are versioned: only the next version can be added');
  END;
  CREATE TRIGGER second_coding_codes_only_new BEFORE INSERT ON second_coding_codes
  WHEN EXISTS (SELECT 1 FROM second_coding_codes WHERE second_coding_id = NEW.second_coding_id AND code = NEW.code)
    OR NEW.second_coding_id IS NOT (SELECT max(id) FROM second_codings)
  BEGIN
    SELECT RAISE(ABORT, 'second coding codes are part of a submitted version');
  END;
  CREATE TRIGGER reviews_only_new BEFORE INSERT ON reviews
  WHEN EXISTS (SELECT 1 FROM reviews WHERE id = NEW.id OR decision_id = NEW.decision_id)
  BEGIN
    SELECT RAISE(ABORT, 'a version is reviewed once: review its next version');
  END;
  CREATE TRIGGER work_assignments_only_new BEFORE INSERT ON work_assignments
  WHEN EXISTS (SELECT 1 FROM work_assignments WHERE id = NEW.id)
  BEGIN
    SELECT RAISE(ABORT, 'work assignments are kept as written: add a new row instead');
  END;
  `,
  /* 18: split assignments: the admin's seeded, stratified train/dev/test draw, each run kept with every record it moved */ `
  CREATE TABLE split_assignments (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    seed INTEGER NOT NULL,
    dev_share REAL NOT NULL CHECK (dev_share >= 0 AND dev_share < 1),
    test_share REAL NOT NULL CHECK (test_share >= 0 AND test_share < 1),
    -- JSON: records per split after the run, and how many were stratified by which labels.
    summary TEXT NOT NULL
  ) STRICT;
  -- What each run changed: records.split holds the current value, this table every earlier one.
  CREATE TABLE record_split_changes (
    assignment_id INTEGER NOT NULL REFERENCES split_assignments(id),
    record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    from_split TEXT NOT NULL,
    to_split TEXT NOT NULL CHECK (to_split IN ('train', 'dev', 'test')),
    PRIMARY KEY (assignment_id, record_id)
  ) STRICT;
  CREATE INDEX record_split_changes_by_record ON record_split_changes (record_id);
  CREATE TRIGGER split_assignments_never_updated BEFORE UPDATE ON split_assignments BEGIN
    SELECT RAISE(ABORT, 'split assignments are history: run a new assignment instead');
  END;
  CREATE TRIGGER record_split_changes_never_updated BEFORE UPDATE ON record_split_changes BEGIN
    SELECT RAISE(ABORT, 'split changes are history: run a new assignment instead');
  END;
  -- INSERT OR REPLACE would delete the stored row without an UPDATE (migration 16's reasoning): refused before the insert.
  CREATE TRIGGER split_assignments_only_appended BEFORE INSERT ON split_assignments
  WHEN EXISTS (SELECT 1 FROM split_assignments WHERE id = NEW.id)
  BEGIN
    SELECT RAISE(ABORT, 'split assignments are history: run a new assignment instead');
  END;
  CREATE TRIGGER record_split_changes_only_appended BEFORE INSERT ON record_split_changes
  WHEN EXISTS (SELECT 1 FROM record_split_changes WHERE assignment_id = NEW.assignment_id AND record_id = NEW.record_id)
  BEGIN
    SELECT RAISE(ABORT, 'split changes are history: run a new assignment instead');
  END;
  `,
  /* 19: the adaptive annotation queue: patches of records planned for clean labelling, each record a task for one coder */ `
  CREATE TABLE annotation_patches (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE CHECK (number > 0),
    created_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    -- adaptive: the paper's plan from noisy labels; random: a random sample of the same pool (baseline, audits).
    method TEXT NOT NULL CHECK (method IN ('adaptive', 'random')),
    -- JSON: target examples per code, trust threshold, patch size limit, seed.
    settings TEXT NOT NULL,
    -- JSON: codes short before the patch, codes left unmet, clean examples expected.
    summary TEXT NOT NULL
  ) STRICT;
  -- A task is done once its record has a coder decision: the decision tables say so, nothing here changes.
  CREATE TABLE annotation_tasks (
    patch_id INTEGER NOT NULL REFERENCES annotation_patches(id),
    record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    coder TEXT NOT NULL REFERENCES users(id),
    assigned_at TEXT NOT NULL,
    PRIMARY KEY (patch_id, record_id)
  ) STRICT;
  -- A record is planned once: annotated, it is clean and no longer a candidate.
  CREATE UNIQUE INDEX annotation_tasks_once ON annotation_tasks (record_id);
  CREATE INDEX annotation_tasks_by_coder ON annotation_tasks (coder, patch_id, position);
  CREATE TRIGGER annotation_patches_never_updated BEFORE UPDATE ON annotation_patches BEGIN
    SELECT RAISE(ABORT, 'annotation patches are history: plan a new patch instead');
  END;
  CREATE TRIGGER annotation_tasks_never_updated BEFORE UPDATE ON annotation_tasks BEGIN
    SELECT RAISE(ABORT, 'annotation tasks are history: plan a new patch instead');
  END;
  -- INSERT OR REPLACE would delete the stored row without an UPDATE (migration 16's reasoning): refused before the insert.
  CREATE TRIGGER annotation_patches_only_appended BEFORE INSERT ON annotation_patches
  WHEN EXISTS (SELECT 1 FROM annotation_patches WHERE id = NEW.id OR number = NEW.number)
  BEGIN
    SELECT RAISE(ABORT, 'annotation patches are history: plan a new patch instead');
  END;
  CREATE TRIGGER annotation_tasks_only_appended BEFORE INSERT ON annotation_tasks
  WHEN EXISTS (SELECT 1 FROM annotation_tasks WHERE record_id = NEW.record_id)
  BEGIN
    SELECT RAISE(ABORT, 'annotation tasks are history: a record is planned once');
  END;
  `,
  /* 20: training jobs started from the app: each job, and every state it went through (append-only) */ `
  CREATE TABLE training_jobs (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    -- The job's folder (progress, log, report) and the model bundle folder it writes.
    job_dir TEXT NOT NULL,
    model_dir TEXT NOT NULL,
    -- JSON: budget minutes, seed, ablation flags, trainer arguments.
    settings TEXT NOT NULL
  ) STRICT;
  CREATE TABLE training_job_events (
    id INTEGER PRIMARY KEY,
    job_id INTEGER NOT NULL REFERENCES training_jobs(id),
    at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'cancel-requested', 'cancelled', 'interrupted', 'failed', 'succeeded')),
    -- The job process, while there is one.
    pid INTEGER,
    -- JSON: what happened (error message, model version, who asked).
    detail TEXT NOT NULL
  ) STRICT;
  CREATE INDEX training_job_events_by_job ON training_job_events (job_id, id);
  CREATE TRIGGER training_jobs_never_updated BEFORE UPDATE ON training_jobs BEGIN
    SELECT RAISE(ABORT, 'training jobs are history: start a new job instead');
  END;
  CREATE TRIGGER training_job_events_never_updated BEFORE UPDATE ON training_job_events BEGIN
    SELECT RAISE(ABORT, 'training job events are append-only');
  END;
  CREATE TRIGGER training_job_events_never_deleted BEFORE DELETE ON training_job_events BEGIN
    SELECT RAISE(ABORT, 'training job events are append-only');
  END;
  -- A job's progress lives in its folder (progress.json), not here: every row is a fact, none is rewritten.
  -- INSERT OR REPLACE would delete the stored row without an UPDATE (migration 16's reasoning): refused before the insert.
  CREATE TRIGGER training_jobs_only_appended BEFORE INSERT ON training_jobs
  WHEN EXISTS (SELECT 1 FROM training_jobs WHERE id = NEW.id)
  BEGIN
    SELECT RAISE(ABORT, 'training jobs are history: start a new job instead');
  END;
  CREATE TRIGGER training_job_events_only_appended BEFORE INSERT ON training_job_events
  WHEN EXISTS (SELECT 1 FROM training_job_events WHERE id = NEW.id)
  BEGIN
    SELECT RAISE(ABORT, 'training job events are append-only');
  END;
  `,
  /* 21: the model registry: every model bundle trained here or installed, with its provenance */ `
  CREATE TABLE registered_models (
    model_version TEXT PRIMARY KEY,
    dir TEXT NOT NULL,
    -- The manifest as it was registered: promoting checks the bundle on disk still hashes to it
    -- before model trust (engine/model-trust) pins it as the model in use.
    manifest_sha256 TEXT NOT NULL,
    -- The key that signed it when registered (a job signs with the workspace's training key), or null.
    signer_key_id TEXT,
    source TEXT NOT NULL CHECK (source IN ('trained', 'installed')),
    registered_at TEXT NOT NULL,
    registered_by TEXT NOT NULL,
    training_job_id INTEGER REFERENCES training_jobs(id),
    -- JSON: code set, codes, training records per class, trainer (seconds, seed, epochs), metrics.
    provenance TEXT NOT NULL
  ) STRICT;
  CREATE TRIGGER registered_models_never_updated BEFORE UPDATE ON registered_models BEGIN
    SELECT RAISE(ABORT, 'a registered model is history: register a new version instead');
  END;
  -- INSERT OR REPLACE would delete the stored row without an UPDATE (migration 16's reasoning): refused before the insert.
  CREATE TRIGGER registered_models_only_appended BEFORE INSERT ON registered_models
  WHEN EXISTS (SELECT 1 FROM registered_models WHERE model_version = NEW.model_version)
  BEGIN
    SELECT RAISE(ABORT, 'a registered model is history: register a new version instead');
  END;
  `,
]
