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
  /* 15: split assignments: the admin's seeded, stratified train/dev/test draw, each run kept with every record it moved */ `
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
  `,
  /* 16: the adaptive annotation queue: patches of records planned for clean labelling, each record a task for one coder */ `
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
  `,
  /* 17: training jobs started from the app: each job, and every state it went through (append-only) */ `
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
  `,
  /* 18: the model registry: every model bundle trained here or installed, with its provenance */ `
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
  `,
]
