import {randomBytes} from 'node:crypto'
import {closeSync, existsSync, mkdirSync, openSync, readSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import type Sqlite from 'better-sqlite3'
import {EmulatorUnavailableError} from '../errors.js'
import {MIGRATIONS} from './migrations.js'

/** Marks a SQLite file as a chatcfg emulator database ("CHCF"), so a foreign database is recognised. */
export const APPLICATION_ID = 0x43484346

export type EmulatorDatabase = Sqlite.Database

// better-sqlite3 loads a native addon: only when a database is opened, not at the start of every command (validate opens none).
let sqlite: {Database: typeof Sqlite; options: Sqlite.Options} | undefined
function sqliteDatabase(): {Database: typeof Sqlite; options: Sqlite.Options} {
  if (sqlite) return sqlite
  // better-sqlite3's own folder, resolved as a package (a bundled command carries better-sqlite3's code, not its addon).
  const root = dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'))
  // The addon where the `bindings` package finds a node-gyp build first, given to better-sqlite3 by its path so that
  // it skips that package's search (which reads its caller's stack and tries a dozen paths); when the addon is
  // elsewhere, that search from better-sqlite3's folder, as better-sqlite3 itself runs it.
  const built = ['build', join('build', 'Debug'), join('build', 'Release')].map((folder) => join(root, folder, 'better_sqlite3.node')).find(existsSync)
  const nativeBinding = built ?? (createRequire(join(root, 'package.json'))('bindings') as BindingsSearch)({bindings: 'better_sqlite3.node', module_root: root})
  // (better-sqlite3 takes the addon itself as well as its path; its types name only a path)
  const loaded = {Database: createRequire(import.meta.url)('better-sqlite3') as typeof Sqlite, options: {nativeBinding} as Sqlite.Options}
  sqlite = loaded
  return loaded
}

/** The `bindings` package: the addon a package built, found below the package's folder. */
type BindingsSearch = (options: {bindings: string; module_root: string}) => object

export interface OpenOptions {
  /** Create the file (and its folder) when it does not exist. */
  readonly create: boolean
  /** The fingerprint key of a new database; random when unset. */
  readonly fingerprintKey?: string
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1')

/** What a file is: chatcfg's own database, another SQLite database, or not SQLite at all. */
export function databaseFileKind(path: string): 'missing' | 'chatcfg' | 'other-sqlite' | 'not-sqlite' {
  if (!existsSync(path)) return 'missing'
  const header = Buffer.alloc(100)
  const fd = openSync(path, 'r')
  let read: number
  try {
    read = readSync(fd, header, 0, 100, 0)
  } finally {
    closeSync(fd)
  }
  // An empty file is what SQLite itself creates before the first write.
  if (read === 0) return 'chatcfg'
  if (read < 100 || !header.subarray(0, 16).equals(SQLITE_HEADER)) return 'not-sqlite'
  if (header.readUInt32BE(68) === APPLICATION_ID) return 'chatcfg'
  // The header in the file can lag behind a write still in the WAL: ask SQLite, which reads both.
  try {
    const sqlite = sqliteDatabase()
    const db = new sqlite.Database(path, {...sqlite.options, readonly: true, fileMustExist: true})
    try {
      return db.pragma('application_id', {simple: true}) === APPLICATION_ID ? 'chatcfg' : 'other-sqlite'
    } finally {
      db.close()
    }
  } catch {
    return 'other-sqlite'
  }
}

/** The line to show when better-sqlite3's native addon cannot be loaded (never built, or built for another Node.js), rather than every path it tried. */
const MISSING_BINDING = `better-sqlite3, which the emulator keeps its state with, has no native binding that loads on Node.js ${process.version}; run npm rebuild better-sqlite3`

function describeOpenError(path: string, error: unknown): EmulatorUnavailableError {
  const code = (error as {code?: string}).code
  if (code === 'ERR_DLOPEN_FAILED' || String((error as Error).message).startsWith('Could not locate the bindings file')) {
    return new EmulatorUnavailableError(MISSING_BINDING)
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new EmulatorUnavailableError(
      databaseFileKind(path) === 'chatcfg'
        ? `${path} is a damaged emulator database; run chatcfg emulator reset --force to start again`
        : `${path} is not an emulator database (not a SQLite file); point the emulator at another file or move this one away`,
    )
  }
  return new EmulatorUnavailableError(`cannot open emulator database ${path}: ${(error as Error).message}`)
}

/**
 * Opens the emulator's database: WAL journal, foreign keys on, and the schema migrated to the newest
 * version. A file that is not a chatcfg emulator database is refused with a message naming it.
 */
export function openEmulatorDatabase(path: string, options: OpenOptions): EmulatorDatabase {
  const memory = path === ':memory:'
  if (!memory && !existsSync(path)) {
    if (!options.create) throw new EmulatorUnavailableError(`no emulator database at ${path} yet; it is created by the first apply`)
    mkdirSync(dirname(path), {recursive: true})
  }
  let db: EmulatorDatabase | undefined
  try {
    const sqlite = sqliteDatabase()
    db = new sqlite.Database(path, sqlite.options)
    db.pragma('busy_timeout = 5000')
    if (!memory) db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    db.pragma('synchronous = NORMAL')
    migrate(db, path, options.fingerprintKey)
    return db
  } catch (error) {
    db?.close()
    if (error instanceof EmulatorUnavailableError) throw error
    throw describeOpenError(path, error)
  }
}

function migrate(db: EmulatorDatabase, path: string, fingerprintKey: string | undefined): void {
  const applicationId = db.pragma('application_id', {simple: true}) as number
  const version = db.pragma('user_version', {simple: true}) as number
  const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as {n: number}).n
  if (applicationId !== APPLICATION_ID && (applicationId !== 0 || tables > 0)) {
    throw new EmulatorUnavailableError(`${path} is a SQLite database but not a chatcfg emulator database; point the emulator at another file`)
  }
  if (version > MIGRATIONS.length) {
    throw new EmulatorUnavailableError(
      `${path} was written by a newer chatcfg (schema version ${version}, this one knows ${MIGRATIONS.length}); upgrade chatcfg`,
    )
  }
  for (let next = version; next < MIGRATIONS.length; next++) {
    db.transaction(() => {
      // Another process may have run this migration since the version was read: check under the write lock.
      if ((db.pragma('user_version', {simple: true}) as number) > next) return
      db.exec(MIGRATIONS[next])
      if (next === 0) {
        db.pragma(`application_id = ${APPLICATION_ID}`)
        // The key behind secret fingerprints: per database, so fingerprints cannot be compared across installations.
        db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('fingerprint_key', fingerprintKey ?? randomBytes(32).toString('hex'))
      }
      db.pragma(`user_version = ${next + 1}`)
    }).immediate()
  }
}

export function metaValue(db: EmulatorDatabase, key: string): string | undefined {
  return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as {value: string} | undefined)?.value
}

export function setMetaValue(db: EmulatorDatabase, key: string, value: string | undefined): void {
  if (value === undefined) db.prepare('DELETE FROM meta WHERE key = ?').run(key)
  else db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value)
}
