/**
 * The emulator's schema, as numbered migrations. `PRAGMA user_version` records how many have run;
 * each runs in its own transaction, so a crash mid-migration leaves the previous version intact.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE apps (
    sdk_app_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT,
    introduction TEXT,
    edition TEXT NOT NULL CHECK (edition IN ('developer', 'standard', 'premium')),
    status TEXT NOT NULL CHECK (status IN ('enabled', 'disabled')),
    trtc INTEGER NOT NULL DEFAULT 0,
    secret_key TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    history_changed_at INTEGER
  );
  CREATE TABLE app_tags (
    sdk_app_id INTEGER NOT NULL REFERENCES apps ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (sdk_app_id, key)
  );
  CREATE TABLE app_settings (
    sdk_app_id INTEGER NOT NULL REFERENCES apps ON DELETE CASCADE,
    section TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (sdk_app_id, section)
  );
  CREATE TABLE custom_fields (
    sdk_app_id INTEGER NOT NULL REFERENCES apps ON DELETE CASCADE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (sdk_app_id, kind, name)
  );
  CREATE TABLE webhooks (
    sdk_app_id INTEGER PRIMARY KEY REFERENCES apps ON DELETE CASCADE,
    value TEXT NOT NULL
  );
  CREATE TABLE push_certificates (
    sdk_app_id INTEGER NOT NULL REFERENCES apps ON DELETE CASCADE,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (sdk_app_id, name)
  );
  CREATE TABLE accounts (
    sdk_app_id INTEGER NOT NULL REFERENCES apps ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('general', 'admin')),
    profile TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (sdk_app_id, user_id)
  );
  CREATE TABLE chat_groups (
    sdk_app_id INTEGER NOT NULL REFERENCES apps ON DELETE CASCADE,
    group_id TEXT NOT NULL,
    type TEXT NOT NULL,
    owner TEXT,
    value TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (sdk_app_id, group_id)
  );
  CREATE TABLE group_members (
    sdk_app_id INTEGER NOT NULL,
    group_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    PRIMARY KEY (sdk_app_id, group_id, user_id),
    FOREIGN KEY (sdk_app_id, group_id) REFERENCES chat_groups ON DELETE CASCADE,
    FOREIGN KEY (sdk_app_id, user_id) REFERENCES accounts ON DELETE CASCADE
  );
  CREATE TABLE cam_sub_users (uin INTEGER PRIMARY KEY);
  CREATE TABLE cam_user_groups (group_id INTEGER PRIMARY KEY);
  CREATE TABLE cam_policies (
    policy_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    document TEXT NOT NULL,
    type INTEGER NOT NULL CHECK (type IN (1, 2)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE cam_attachments (
    policy_id INTEGER NOT NULL REFERENCES cam_policies ON DELETE CASCADE,
    target_type TEXT NOT NULL CHECK (target_type IN ('user', 'group')),
    target_id INTEGER NOT NULL,
    PRIMARY KEY (policy_id, target_type, target_id)
  );
  CREATE TABLE change_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    session TEXT NOT NULL,
    at INTEGER NOT NULL,
    address TEXT NOT NULL,
    action TEXT NOT NULL
  );
  CREATE TABLE writer_lock (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    session TEXT NOT NULL,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    since INTEGER NOT NULL,
    purpose TEXT NOT NULL
  );
  INSERT INTO cam_policies (policy_id, name, description, document, type, created_at, updated_at) VALUES
    (1, 'QcloudAVCFullAccess', 'IM read and write permissions', '{"version":"2.0","statement":[{"effect":"allow","action":"name/im:*","resource":"*"}]}', 2, 0, 0),
    (2, 'QcloudIMReadOnlyAccess', 'IM read-only permission', '{"version":"2.0","statement":[{"effect":"allow","action":["name/im:Describe*","name/im:Get*"],"resource":"*"}]}', 2, 0, 0);
  `,
  // 2: apps are found by their chatcfg key tag on every change.
  `
  CREATE INDEX app_tags_by_value ON app_tags (key, value);
  `,
  // 3: a group's creation counts, for each member, the groups that user is in already.
  `
  CREATE INDEX group_members_by_user ON group_members (sdk_app_id, user_id, group_id);
  CREATE INDEX chat_groups_by_owner ON chat_groups (sdk_app_id, owner);
  `,
]
