import type {Statement} from 'better-sqlite3'
import {isPlainObject} from '../../config/pointer.js'
import {type RootSchema, type SchemaNode, walkSchema} from '../../config/schema.js'
import {type AppChildKind, type Attributes, type Change, childAddress, type Json, type Resource} from '../../model/resource.js'
import {FINGERPRINT, isSecretMark} from '../../model/secret.js'

export {canonicalJson} from '../../model/canonical.js'

import {ServiceError} from '../errors.js'
import type {EmulatorDatabase} from './database.js'

/** What a kind's handler may use while it reads or writes, inside the emulator's transaction. */
export interface KindContext {
  readonly db: EmulatorDatabase
  readonly schema: RootSchema
  /** The emulator's clock: tests can move it, to check rules such as "once a month". */
  readonly now: () => number
  /** Keyed fingerprint of a secret; the secret itself is never stored. */
  readonly fingerprint: (secret: string) => string
  /** A prepared statement, compiled once per emulator and reused. */
  readonly sql: (text: string) => Statement
}

export interface AppRow {
  readonly sdkAppId: number
  readonly appKey: string
  readonly name: string
  readonly type: string | null
  readonly introduction: string | null
  readonly edition: 'developer' | 'standard' | 'premium'
  readonly status: 'enabled' | 'disabled'
  readonly trtc: number
  readonly createdAt: number
  readonly historyChangedAt: number | null
}

/** Reads and writes the resources of some kinds inside apps, enforcing the service's rules. */
export interface AppChildHandler {
  /** The resources of every app in `apps` (listed in SDKAppID order): one list per app, in the same order. */
  readApps(context: KindContext, apps: readonly AppRow[]): Resource[][]
  /** Applies one change or throws ServiceError; runs inside a transaction, so a refusal stores nothing. */
  apply(context: KindContext, app: AppRow, change: Change): void
  /** One resource by name, for callers that need a single one (the served REST API). */
  readOne?(context: KindContext, app: AppRow, name: string): Resource | undefined
}

/** Refuses a change with the service's code; the transaction rolls back. */
export function refuse(code: number | string, message: string): never {
  throw new ServiceError(code, message)
}

/** Secret values arrive as text and are stored and shown only as `{"$fingerprint": …}`. */
export function maskSecret(context: KindContext, value: Json | undefined): Json | undefined {
  if (value === undefined || value === null || isSecretMark(value)) return value
  return {[FINGERPRINT]: context.fingerprint(String(value))}
}

export function parseJson<T>(text: string): T {
  return JSON.parse(text) as T
}

/**
 * SQL reading a table whole, one row per app (in SDKAppID order): the app's SDKAppID as `app`, and its rows
 * in `order` as one flat JSON list of `fields`, each an SQL expression of JSON text (a stored value, a
 * json_quote'd column). Live state is read this way because a row and a JSON.parse per resource cost about
 * twice the CPU at 300 apps; `where` narrows it (to one app, for example).
 */
export function recordListSql(table: string, fields: readonly string[], order: string, where = ''): string {
  const record = fields.join(` || ',' || `)
  return `SELECT sdk_app_id AS app, '[' || group_concat(${record}, ',' ORDER BY ${order}) || ']' AS list FROM ${table} ${where} GROUP BY sdk_app_id ORDER BY sdk_app_id`
}

/** A row of recordListSql. */
export interface RecordList {
  readonly app: number
  readonly list: string
}

const NO_RECORDS: readonly Json[] = []

/**
 * The records of each app in `apps` (in SDKAppID order) from the rows of recordListSql, parallel to `apps`;
 * an app without rows has none, and rows of an app not listed are passed over.
 */
export function recordsByApp(apps: readonly AppRow[], rows: readonly RecordList[]): Array<readonly Json[]> {
  const records: Array<readonly Json[]> = []
  let next = 0
  for (const app of apps) {
    while (next < rows.length && (rows[next] as RecordList).app < app.sdkAppId) next++
    const row = rows[next]
    if (row !== undefined && row.app === app.sdkAppId) {
      records.push(JSON.parse(row.list) as Json[])
      next++
    } else records.push(NO_RECORDS)
  }
  return records
}

/** An app's resources of one kind from its records (name, attributes, …). */
export function namedResources(app: AppRow, kind: AppChildKind, record: readonly Json[]): Resource[] {
  const resources: Resource[] = []
  for (let at = 0; at < record.length; at += 2) {
    const name = record[at] as string
    resources.push({kind, address: childAddress(app.appKey, kind, name), appKey: app.appKey, name, attributes: record[at + 1] as Attributes})
  }
  return resources
}

/**
 * Why a value breaks its schema's ranges or choices (the checks the service's own forms make), or
 * undefined. `definition` is the schema node of the value.
 */
export function valueProblem(context: KindContext, definition: SchemaNode, value: Json): string | undefined {
  for (const visit of walkSchema(context.schema, definition, value)) {
    const where = visit.path.join('.') || 'value'
    const {minimum, maximum} = visit.schema
    if (typeof visit.value === 'number' && ((minimum !== undefined && visit.value < minimum) || (maximum !== undefined && visit.value > maximum))) {
      return `${where} must be from ${minimum ?? '-∞'} to ${maximum ?? '∞'}`
    }
    if (visit.schema.enum && visit.value !== undefined && !visit.schema.enum.includes(visit.value))
      return `${where} must be one of ${visit.schema.enum.join(', ')}`
    if (visit.schema.additionalProperties === false && isPlainObject(visit.value)) {
      const unknown = Object.keys(visit.value).find((key) => !Object.hasOwn(visit.schema.properties ?? {}, key))
      if (unknown !== undefined) return `${where} has no ${unknown}`
    }
  }
  return undefined
}
