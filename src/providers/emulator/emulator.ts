import {createHmac, randomUUID} from 'node:crypto'
import {rmSync} from 'node:fs'
import type {Statement} from 'better-sqlite3'
import {configSchema} from '../../config/schema.js'
import {APP_CHILD_KINDS} from '../../model/kinds/index.js'
import type {LiveState} from '../../model/live.js'
import type {AppChildKind, Change, Resource} from '../../model/resource.js'
import {EmulatorUnavailableError, ServiceError} from '../errors.js'
import type {Endpoint, Provider} from '../provider.js'
import {type RetryPolicy, withRetries} from '../retries.js'
import type {AppChildHandler, KindContext} from './context.js'
import {databaseFileKind, type EmulatorDatabase, metaValue, openEmulatorDatabase, setMetaValue} from './database.js'
import {FaultInjector, type FaultOptions, NO_FAULTS} from './faults.js'
import {accountHandler} from './kinds/account.js'
import {applyApp, findApp, listApps, readApp, readApps} from './kinds/app.js'
import {customFieldsHandler} from './kinds/custom-fields.js'
import {groupHandler} from './kinds/group.js'
import {applyPolicy, readPolicies} from './kinds/policy.js'
import {settingsHandler} from './kinds/settings.js'
import {pushHandler, webhookHandler} from './kinds/webhook-push.js'
import {acquireWriterLock, type LockHolder} from './lock.js'

/** The Tencent Cloud account the emulator plays: its root UIN and the CAM sub-users and user groups that exist in it. */
export interface EmulatedAccount {
  readonly uin?: number
  readonly subUsers?: readonly number[]
  readonly userGroups?: readonly number[]
}

export interface EmulatorOptions {
  /** SQLite file, or ':memory:' for tests. */
  readonly path: string
  /** Create the database when missing (default true). */
  readonly create?: boolean
  readonly faults?: FaultOptions
  readonly account?: EmulatedAccount
  /** How long a second writer waits for the lock (default 30 s). */
  readonly lockTimeoutMs?: number
  /** The key behind secret fingerprints when the database is new (random when unset); a fixed key makes output repeatable. */
  readonly fingerprintKey?: string
  /** How `apply`, the emulator's own client, repeats a write refused as throttled or transient (with faults on). */
  readonly retry?: RetryPolicy
}

export const DEFAULT_ROOT_UIN = 100000000001
const DEFAULT_LOCK_TIMEOUT_MS = 30_000

/** Handlers for everything inside an app, one per family of kinds. */
const APP_CHILD_HANDLERS: {readonly [K in AppChildKind]: AppChildHandler} = {
  login: settingsHandler,
  messages: settingsHandler,
  friends: settingsHandler,
  'group-settings': settingsHandler,
  'user-field': customFieldsHandler,
  'friend-field': customFieldsHandler,
  'group-field': customFieldsHandler,
  'group-member-field': customFieldsHandler,
  webhook: webhookHandler,
  'push-certificate': pushHandler,
  account: accountHandler,
  group: groupHandler,
}
/** Each handler once, in the registry's order of kinds: a handler reads every kind it holds. */
const APP_CHILD_READERS = [...new Set(APP_CHILD_KINDS.map((kind) => APP_CHILD_HANDLERS[kind]))]

export interface EmulatorStatus {
  readonly path: string
  readonly schemaVersion: number
  readonly rootUin: number
  readonly apps: ReadonlyArray<{
    readonly sdkAppId: number
    readonly key: string
    readonly name: string
    readonly edition: string
    readonly status: string
    readonly customFields: number
    readonly accounts: number
    readonly groups: number
  }>
  readonly policies: number
  readonly subUsers: number
  readonly userGroups: number
  readonly changesApplied: number
  readonly lock?: LockHolder
}

/**
 * The embedded Chat service: state in SQLite, every write checked against the service's rules with the
 * service's error codes, one transaction per change, one writer at a time.
 */
export class Emulator implements Provider {
  readonly name = 'emulator'
  readonly faults: FaultInjector
  private readonly session = randomUUID()
  private readonly context: KindContext

  private constructor(
    readonly path: string,
    private readonly db: EmulatorDatabase,
    private readonly options: EmulatorOptions,
  ) {
    this.faults = new FaultInjector(options.faults ?? NO_FAULTS)
    const key = metaValue(db, 'fingerprint_key') ?? ''
    const statements = new Map<string, Statement>()
    const sql = (text: string): Statement => {
      const cached = statements.get(text)
      if (cached) return cached
      const statement = db.prepare(text)
      statements.set(text, statement)
      return statement
    }
    this.context = {
      db,
      schema: configSchema(),
      // Read at every write: through a cached statement, as preparing one each time was a tenth of a write.
      now: () => Number((sql('SELECT value FROM meta WHERE key = ?').get('clock') as {value: string} | undefined)?.value ?? Date.now()),
      fingerprint: (secret) => `hmac-sha256:${createHmac('sha256', key).update(secret).digest('hex').slice(0, 32)}`,
      sql,
    }
  }

  static open(options: EmulatorOptions): Emulator {
    const db = openEmulatorDatabase(options.path, {
      create: options.create ?? true,
      ...(options.fingerprintKey !== undefined ? {fingerprintKey: options.fingerprintKey} : {}),
    })
    const emulator = new Emulator(options.path, db, options)
    emulator.seedAccount(options.account ?? {})
    return emulator
  }

  private seedAccount(account: EmulatedAccount): void {
    // Opening for a look (status) writes nothing when there is nothing new to record.
    const known = metaValue(this.db, 'root_uin') !== undefined
    if (known && account.uin === undefined && !account.subUsers?.length && !account.userGroups?.length) return
    this.db
      .transaction(() => {
        if (account.uin !== undefined || metaValue(this.db, 'root_uin') === undefined)
          setMetaValue(this.db, 'root_uin', String(account.uin ?? DEFAULT_ROOT_UIN))
        for (const uin of account.subUsers ?? []) this.db.prepare('INSERT OR IGNORE INTO cam_sub_users (uin) VALUES (?)').run(uin)
        for (const id of account.userGroups ?? []) this.db.prepare('INSERT OR IGNORE INTO cam_user_groups (group_id) VALUES (?)').run(id)
      })
      .immediate()
  }

  fingerprint(secret: string): string {
    return this.context.fingerprint(secret)
  }

  now(): number {
    return this.context.now()
  }

  /** The emulator answers every kind of change at one endpoint, with no rate limit of its own. */
  endpointFor(_change: Change): Endpoint {
    return {name: 'emulator'}
  }

  /** Freezes the emulator's clock at `epochMs` (undefined lets it run again); stored, so every process sees it. */
  setClock(epochMs: number | undefined): void {
    setMetaValue(this.db, 'clock', epochMs === undefined ? undefined : String(epochMs))
  }

  async read(): Promise<LiveState> {
    const ids = (sql: string) => (this.db.prepare(sql).all() as Array<{id: number}>).map((row) => row.id)
    return this.db.transaction(() => {
      // Taken first, so it names the snapshot the rest of the transaction reads.
      this.readVersion = this.dataVersion()
      const principals = {users: ids('SELECT uin AS id FROM cam_sub_users'), groups: ids('SELECT group_id AS id FROM cam_user_groups')}
      return {resources: this.readAll(), rootUin: Number(metaValue(this.db, 'root_uin')), principals}
    })()
  }

  /** SQLite's count of commits made by other connections, as this connection sees it. */
  private dataVersion(): number {
    return this.db.pragma('data_version', {simple: true}) as number
  }

  private readVersion: number | undefined

  /**
   * Whether no other connection (process) has committed since the last read: SQLite's data_version
   * moves with every commit of another connection, and never with this connection's own (the lock's).
   */
  unchangedSinceRead(): boolean {
    return this.readVersion !== undefined && this.dataVersion() === this.readVersion
  }

  /** Everything the emulator holds, read in one transaction so the picture is consistent. */
  readAll(): Resource[] {
    return this.db.transaction(() => {
      const apps = listApps(this.context)
      // Each table in one query, for every app at once; then app by app, as the service lists them.
      const appResources = readApps(this.context, apps)
      const children = APP_CHILD_READERS.map((handler) => handler.readApps(this.context, apps))
      const resources: Resource[] = []
      for (let index = 0; index < apps.length; index++) {
        resources.push(appResources[index] as Resource)
        for (const lists of children) for (const resource of lists[index] as Resource[]) resources.push(resource)
      }
      resources.push(...readPolicies(this.context))
      return resources
    })()
  }

  /** One change in one transaction, built once: writes are the emulator's hot path. */
  private readonly write = (() => {
    const transaction = (change: Change) => {
      // Writes from a process that does not hold the lock must not slip in between another writer's changes.
      const holder = this.context.sql('SELECT session, pid, host, since, purpose FROM writer_lock WHERE id = 1').get() as LockHolder | undefined
      if (holder && holder.session !== this.session) {
        throw new EmulatorUnavailableError(
          `the emulator at ${this.path} is locked by process ${holder.pid} on ${holder.host} (${holder.purpose}); take the lock before writing`,
        )
      }
      this.dispatch(change)
      this.context
        .sql('INSERT INTO change_log (session, at, address, action) VALUES (?, ?, ?, ?)')
        .run(this.session, this.context.now(), change.address, change.action)
    }
    let compiled: ReturnType<EmulatorDatabase['transaction']> | undefined
    return (change: Change) => {
      compiled ??= this.db.transaction(transaction)
      compiled.immediate(change)
    }
  })()

  /**
   * One write as the service takes one call: faults injected, never repeated. The served emulator answers
   * each request with it, and its client repeats what it may.
   */
  async store(change: Change): Promise<void> {
    await this.faults.before()
    this.write(change)
    this.faults.after()
  }

  /** A change made in process: the emulator is its own client, and repeats a write the faults refused as the clients do. */
  async apply(change: Change): Promise<void> {
    if (!this.faults.active) return this.store(change)
    return withRetries(() => this.store(change), this.options.retry ?? {}, false)
  }

  private dispatch(change: Change): void {
    switch (change.kind) {
      case 'app':
        applyApp(this.context, findApp(this.context, change.liveName ?? change.name), change)
        return
      case 'policy':
        applyPolicy(this.context, change)
        return
      default: {
        const app = change.appKey === undefined ? undefined : findApp(this.context, change.appKey)
        if (!app) throw new ServiceError(70020, `app ${change.appKey ?? '(none)'} does not exist`)
        APP_CHILD_HANDLERS[change.kind].apply(this.context, app, change)
      }
    }
  }

  /** The app behind an SDKAppID, for the served REST API; undefined when there is none. */
  appBySdkAppId(sdkAppId: number): {readonly appKey: string; readonly sdkAppId: number; readonly edition: string} | undefined {
    const app = listApps(this.context).find((a) => a.sdkAppId === sdkAppId)
    return app && {appKey: app.appKey, sdkAppId: app.sdkAppId, edition: app.edition}
  }

  /** The app resource behind an SDKAppID (name, edition, tags, …), without its children. */
  appResource(sdkAppId: number): Resource | undefined {
    const app = listApps(this.context).find((a) => a.sdkAppId === sdkAppId)
    return app && readApp(this.context, app)
  }

  /** One account or group of an app by name, without reading the rest. */
  readOne(appKey: string, kind: 'account' | 'group', name: string): Resource | undefined {
    const app = findApp(this.context, appKey)
    return app && APP_CHILD_HANDLERS[kind].readOne?.(this.context, app, name)
  }

  /** IDs of an app's groups, in order, optionally of one type only. */
  groupIds(sdkAppId: number, type?: string): string[] {
    const rows = this.context
      .sql('SELECT group_id FROM chat_groups WHERE sdk_app_id = @app AND (@type IS NULL OR type = @type) ORDER BY rowid')
      .all({app: sdkAppId, type: type ?? null}) as Array<{group_id: string}>
    return rows.map((row) => row.group_id)
  }

  /** CAM policies, with their IDs in `computed.policyId`. */
  policies(): Resource[] {
    return readPolicies(this.context)
  }

  /** Preset policies by name, whether attached or not (CAM lists them all). */
  presetPolicies(): Array<{policyId: number; name: string}> {
    return this.context.sql('SELECT policy_id AS policyId, name FROM cam_policies WHERE type = 2 ORDER BY policy_id').all() as Array<{
      policyId: number
      name: string
    }>
  }

  rootUin(): number {
    return Number(metaValue(this.db, 'root_uin'))
  }

  /**
   * A sub-user's own ID, which CAM lists beside its UIN and which is not the UIN (ListEntitiesForPolicy's
   * `Id`, for example "1133398" for UIN 3449203261). The service assigns it; the emulator derives a
   * fixed one from the UIN, different from it, so a client that reads one for the other is caught.
   */
  subUserId(uin: number): string {
    return String(1_000_000 + (uin % 9_000_000))
  }

  async lock(purpose: string, onWait?: (holder: string) => void): Promise<() => void> {
    const timeoutMs = this.options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS
    return acquireWriterLock(this.db, {session: this.session, purpose, timeoutMs, path: this.path, ...(onWait ? {onWait} : {})})
  }

  status(): EmulatorStatus {
    const count = (sql: string) => (this.db.prepare(sql).get() as {n: number}).n
    const perApp = (table: string, id: number) => (this.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE sdk_app_id = ?`).get(id) as {n: number}).n
    return {
      path: this.path,
      schemaVersion: this.db.pragma('user_version', {simple: true}) as number,
      rootUin: Number(metaValue(this.db, 'root_uin')),
      apps: listApps(this.context).map((app) => ({
        sdkAppId: app.sdkAppId,
        key: app.appKey,
        name: app.name,
        edition: app.edition,
        status: app.status,
        customFields: perApp('custom_fields', app.sdkAppId),
        accounts: perApp('accounts', app.sdkAppId),
        groups: perApp('chat_groups', app.sdkAppId),
      })),
      policies: count('SELECT count(*) AS n FROM cam_policies WHERE type = 1'),
      subUsers: count('SELECT count(*) AS n FROM cam_sub_users'),
      userGroups: count('SELECT count(*) AS n FROM cam_user_groups'),
      changesApplied: count('SELECT count(*) AS n FROM change_log'),
      lock: this.db.prepare('SELECT session, pid, host, since, purpose FROM writer_lock WHERE id = 1').get() as LockHolder | undefined,
    }
  }

  /** SQLite's own consistency checks: the page structure and every foreign key. Empty when all is well. */
  integrityProblems(): string[] {
    const integrity = (this.db.pragma('integrity_check') as Array<{integrity_check: string}>).map((row) => row.integrity_check).filter((line) => line !== 'ok')
    const foreign = (this.db.pragma('foreign_key_check') as Array<{table: string; rowid: number}>).map(
      (row) => `foreign key broken in ${row.table} row ${row.rowid}`,
    )
    return [...integrity, ...foreign]
  }

  /** Empties the emulator inside its database (other connections stay valid); the caller holds the lock. */
  clear(): void {
    this.db
      .transaction(() => {
        this.db.exec(`
        DELETE FROM apps;
        DELETE FROM cam_policies WHERE type = 1;
        DELETE FROM cam_attachments;
        DELETE FROM cam_sub_users;
        DELETE FROM cam_user_groups;
        DELETE FROM change_log;
        DELETE FROM meta WHERE key = 'clock';
      `)
      })
      .immediate()
  }

  close(): void {
    if (this.db.open) this.db.close()
  }
}

/**
 * Resets an emulator database: emptied in place, under the writer lock, so a process that has it open
 * keeps a valid database; a damaged one is removed. Only chatcfg's own databases are touched.
 */
export async function resetEmulatorDatabase(path: string, lockTimeoutMs?: number): Promise<'missing' | 'reset' | 'removed'> {
  const kind = databaseFileKind(path)
  if (kind === 'missing') return 'missing'
  if (kind !== 'chatcfg') {
    throw new EmulatorUnavailableError(
      `${path} is ${kind === 'other-sqlite' ? 'a SQLite database but not' : 'not'} a chatcfg emulator database; chatcfg resets only its own databases`,
    )
  }
  let emulator: Emulator
  try {
    emulator = Emulator.open({path, create: false, ...(lockTimeoutMs !== undefined ? {lockTimeoutMs} : {})})
  } catch (error) {
    if (!(error instanceof EmulatorUnavailableError) || !/damaged/.test(error.message)) throw error
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, {force: true})
    return 'removed'
  }
  try {
    const release = await emulator.lock('emulator reset')
    try {
      emulator.clear()
    } finally {
      release()
    }
  } finally {
    emulator.close()
  }
  return 'reset'
}
