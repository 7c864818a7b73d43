import {randomBytes} from 'node:crypto'
import {editionRank, editionSpec} from '../../../model/editions.js'
import {DEFAULT_ADMIN} from '../../../model/kinds/account.js'
import {PROTECTION_TAG} from '../../../model/kinds/app.js'
import {type Attributes, appAddress, type Change, type Json, type Resource} from '../../../model/resource.js'
import {type AppRow, canonicalJson, type KindContext, type RecordList, recordListSql, recordsByApp, refuse} from '../context.js'
import {allPremiumSettingsUsed, initialSettings} from './settings.js'

/** A Tencent Cloud account holds at most 300 Chat apps. */
export const MAX_APPS = 300
/** SDKAppIDs are handed out from here up. */
export const FIRST_SDKAPPID = 1400000000
/** The tag chatcfg puts on apps it manages, holding the app's key: identity kept on the app itself. */
export const KEY_TAG = 'chatcfg-key'

const APP_COLUMNS = `sdk_app_id AS sdkAppId, name, type, introduction, edition, status, trtc, created_at AS createdAt, history_changed_at AS historyChangedAt,
  COALESCE((SELECT value FROM app_tags t WHERE t.sdk_app_id = apps.sdk_app_id AND t.key = '${KEY_TAG}'), 'sdkappid-' || sdk_app_id) AS appKey`

export function listApps(context: KindContext): AppRow[] {
  return context.sql(`SELECT ${APP_COLUMNS} FROM apps ORDER BY sdk_app_id`).all() as AppRow[]
}

const UNMANAGED_KEY = /^sdkappid-(0|-?[1-9][0-9]*)$/

/**
 * Finds an app by chatcfg key (its key tag), or by `sdkappid-<id>` for apps chatcfg does not manage yet;
 * when both name an app, the one with the lower SDKAppID. Each by its index: every write looks its app up,
 * and a condition on `'sdkappid-' || sdk_app_id` read every app.
 */
export function findApp(context: KindContext, appKey: string): AppRow | undefined {
  const tagged = context.sql(`SELECT sdk_app_id AS id FROM app_tags WHERE key = '${KEY_TAG}' AND value = ?`).get(appKey) as {id: number} | undefined
  const unmanaged = UNMANAGED_KEY.exec(appKey)?.[1]
  const ids = [tagged?.id, unmanaged === undefined ? undefined : Number(unmanaged)].filter((id): id is number => id !== undefined && Number.isSafeInteger(id))
  for (const id of ids.sort((a, b) => a - b)) {
    const app = context.sql(`SELECT ${APP_COLUMNS} FROM apps WHERE sdk_app_id = ?`).get(id) as AppRow | undefined
    if (app) return app
  }
  return undefined
}

/** The app's tags: chatcfg's key, its deletion protection (a tag of its own), and the declared ones. */
function writeTags(context: KindContext, sdkAppId: number, appKey: string | undefined, tags: Json | undefined, isProtected: boolean): void {
  context.sql('DELETE FROM app_tags WHERE sdk_app_id = ? AND key <> ?').run(sdkAppId, KEY_TAG)
  const insert = context.sql('INSERT OR REPLACE INTO app_tags (sdk_app_id, key, value) VALUES (?, ?, ?)')
  if (appKey !== undefined) insert.run(sdkAppId, KEY_TAG, appKey)
  if (isProtected) insert.run(sdkAppId, PROTECTION_TAG, 'true')
  if (tags && typeof tags === 'object' && !Array.isArray(tags))
    for (const [key, value] of Object.entries(tags)) if (key !== KEY_TAG && key !== PROTECTION_TAG) insert.run(sdkAppId, key, String(value))
}

/** An app's tags, each a key and a value, in the order of their keys. */
const TAG_FIELDS = ['json_quote(key)', 'json_quote(value)']

function appResource(app: AppRow, tags: readonly Json[]): Resource {
  // chatcfg's key and the deletion protection are tags of their own, not among the declared ones.
  const declared: Array<[string, string]> = []
  let isProtected = false
  for (let at = 0; at < tags.length; at += 2) {
    const key = tags[at] as string
    if (key === PROTECTION_TAG) isProtected = true
    else if (key !== KEY_TAG) declared.push([key, tags[at + 1] as string])
  }
  const attributes: Attributes = {name: app.name, edition: app.edition, status: app.status, trtc: app.trtc === 1, tags: Object.fromEntries(declared)}
  if (isProtected) attributes.protected = true
  if (app.type !== null) attributes.type = app.type
  if (app.introduction !== null) attributes.introduction = app.introduction
  return {
    kind: 'app',
    address: appAddress(app.appKey),
    appKey: app.appKey,
    name: app.appKey,
    attributes,
    computed: {sdkAppId: app.sdkAppId, createdAt: app.createdAt},
  }
}

export function readApp(context: KindContext, app: AppRow): Resource {
  const rows = context.sql(recordListSql('app_tags', TAG_FIELDS, 'key', 'WHERE sdk_app_id = ?')).all(app.sdkAppId) as RecordList[]
  return appResource(app, recordsByApp([app], rows)[0] ?? [])
}

/** Every app in `apps` (in SDKAppID order), in the same order, with their tags read in one query. */
export function readApps(context: KindContext, apps: readonly AppRow[]): Resource[] {
  const rows = context.sql(recordListSql('app_tags', TAG_FIELDS, 'key')).all() as RecordList[]
  return recordsByApp(apps, rows).map((tags, index) => appResource(apps[index] as AppRow, tags))
}

function text(value: Json | undefined): string | null {
  return typeof value === 'string' ? value : null
}

function checkStateValues(context: KindContext, edition: string, status: string): void {
  if (editionRank(context.schema, edition) < 0) refuse('Console.InvalidEdition', `"${edition}" is not an edition`)
  if (status !== 'enabled' && status !== 'disabled') refuse('Console.InvalidStatus', `"${status}" is not an app status; use enabled or disabled`)
}

/** Only developer apps are disabled and deleted by their owner; an upgrade in the same write counts. */
function ownerMayDisableAndDelete(context: KindContext, ...editions: AppRow['edition'][]): boolean {
  return editions.every((edition) => editionSpec(context.schema, edition).ownerMayDisableAndDelete)
}

function create(context: KindContext, change: Change): void {
  const after = change.after ?? {}
  const apps = context.sql('SELECT count(*) AS n, max(sdk_app_id) AS last FROM apps').get() as {n: number; last: number | null}
  if (apps.n >= MAX_APPS) refuse('Console.AppLimit', `the account already has ${MAX_APPS} apps; disable and delete one first`)
  if (findApp(context, change.name)) refuse('Console.AppExists', `an app with key ${change.name} already exists`)
  const name = text(after.name)
  if (!name) refuse('Console.InvalidAppName', 'an app needs a name')
  const edition = (text(after.edition) ?? 'developer') as AppRow['edition']
  checkStateValues(context, edition, text(after.status) ?? 'enabled')
  const sdkAppId = Math.max(apps.last ?? FIRST_SDKAPPID - 1, FIRST_SDKAPPID - 1) + 1
  context
    .sql(`INSERT INTO apps (sdk_app_id, name, type, introduction, edition, status, trtc, secret_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(
      sdkAppId,
      name,
      text(after.type),
      text(after.introduction),
      edition,
      text(after.status) ?? 'enabled',
      after.trtc === true ? 1 : 0,
      randomBytes(32).toString('hex'),
      context.now(),
    )
  writeTags(context, sdkAppId, change.name, after.tags, after.protected === true)
  const insert = context.sql('INSERT INTO app_settings (sdk_app_id, section, value) VALUES (?, ?, ?)')
  for (const [section, value] of initialSettings(context, edition)) insert.run(sdkAppId, section, canonicalJson(value))
  context
    .sql("INSERT INTO accounts (sdk_app_id, user_id, type, profile, created_at) VALUES (?, ?, 'admin', '{}', ?)")
    .run(sdkAppId, DEFAULT_ADMIN, context.now())
}

function update(context: KindContext, app: AppRow, change: Change): void {
  const after = change.after ?? {}
  const edition = (text(after.edition) ?? app.edition) as AppRow['edition']
  checkStateValues(context, edition, text(after.status) ?? app.status)
  if (editionRank(context.schema, edition) < editionRank(context.schema, app.edition)) {
    refuse('Console.EditionDowngrade', `the ${app.edition} edition cannot go back to ${edition}; create a new app instead`)
  }
  const status = text(after.status) ?? app.status
  if (status === 'disabled' && app.status !== 'disabled' && !ownerMayDisableAndDelete(context, app.edition, edition)) {
    refuse('Console.PaidAppDisable', `app ${app.sdkAppId} is on a paid edition; the service disables it after seven days of overdue payment, its owner cannot`)
  }
  if (app.trtc === 1 && after.trtc !== true) refuse('Console.TrtcDeactivation', `TRTC is active for app ${app.sdkAppId}; the console only activates it`)
  if (!editionSpec(context.schema, edition).premiumFeatures) {
    const used = allPremiumSettingsUsed(context, app.sdkAppId)
    if (used.length > 0) refuse('Console.PremiumFeature', `the ${edition} edition does not include ${used.join(', ')}; turn them off first`)
  }
  context
    .sql('UPDATE apps SET name = ?, type = ?, introduction = ?, edition = ?, status = ?, trtc = ? WHERE sdk_app_id = ?')
    .run(text(after.name) ?? app.name, text(after.type), text(after.introduction), edition, status, after.trtc === true ? 1 : 0, app.sdkAppId)
  writeTags(context, app.sdkAppId, change.name.startsWith('sdkappid-') ? undefined : change.name, after.tags, after.protected === true)
}

/** Apps: at most 300 per account, editions only go up, and only a disabled app can be deleted. */
export function applyApp(context: KindContext, app: AppRow | undefined, change: Change): void {
  switch (change.action) {
    case 'create':
      create(context, change)
      return
    case 'update':
      if (!app) refuse(70020, `app ${change.name} does not exist`)
      update(context, app, change)
      return
    case 'delete':
      if (!app) refuse(70020, `app ${change.name} does not exist`)
      if (!ownerMayDisableAndDelete(context, app.edition)) {
        refuse('Console.PaidAppDelete', `app ${app.sdkAppId} is on the ${app.edition} edition; only Tencent Cloud deletes it, on request`)
      }
      if (app.status !== 'disabled') refuse('Console.AppNotDisabled', `app ${app.sdkAppId} must be disabled before it is deleted`)
      context.sql('DELETE FROM apps WHERE sdk_app_id = ?').run(app.sdkAppId)
  }
}
