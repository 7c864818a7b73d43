import type {Segment} from '../../../config/pointer.js'
import {walkSchema} from '../../../config/schema.js'
import {consoleDefaults} from '../../../model/defaults.js'
import {editionSpec, HISTORY_CHANGE_INTERVAL_MS, needsPremium} from '../../../model/editions.js'
import {SETTINGS_KINDS, type SettingsKind, sectionOf} from '../../../model/kinds/index.js'
import {type Attributes, childAddress, type Json} from '../../../model/resource.js'
import {
  type AppChildHandler,
  type AppRow,
  canonicalJson,
  type KindContext,
  parseJson,
  type RecordList,
  recordListSql,
  recordsByApp,
  refuse,
  valueProblem,
} from '../context.js'

function definition(context: KindContext, kind: SettingsKind) {
  return context.schema.$defs[sectionOf(kind)]
}

/** The settings a new app starts with: the console defaults, and the edition's free history period. */
export function initialSettings(context: KindContext, edition: AppRow['edition']): Array<[SettingsKind, Attributes]> {
  return SETTINGS_KINDS.map((kind) => [kind, consoleDefaults(context.schema, sectionOf(kind), edition)])
}

/** Settings paths (such as messages.userStatus) that use the premium feature set. */
export function premiumSettingsUsed(context: KindContext, kind: SettingsKind, value: Attributes): string[] {
  const used: string[] = []
  for (const visit of walkSchema(context.schema, definition(context, kind), value)) {
    if (needsPremium(visit.schema['x-chatcfg-premium'], visit.value, visit.schema.default)) used.push([sectionOf(kind), ...visit.path].join('.'))
  }
  return used
}

function readSection(context: KindContext, sdkAppId: number, kind: SettingsKind): Attributes {
  const row = context.sql('SELECT value FROM app_settings WHERE sdk_app_id = ? AND section = ?').get(sdkAppId, kind) as {value: string} | undefined
  return row ? parseJson<Attributes>(row.value) : {}
}

/** A section's value among an app's records (section, value, …); a section never written is empty. */
function sectionIn(record: readonly Json[], kind: SettingsKind): Attributes {
  for (let at = 0; at < record.length; at += 2) if (record[at] === kind) return record[at + 1] as Attributes
  return {}
}

/** Every premium setting an app uses now; an edition change must keep them available. */
export function allPremiumSettingsUsed(context: KindContext, sdkAppId: number): string[] {
  return SETTINGS_KINDS.flatMap((kind) => premiumSettingsUsed(context, kind, readSection(context, sdkAppId, kind)))
}

function checkGroupTypes(context: KindContext, value: Attributes): void {
  for (const {path, value: item, schema} of walkSchema(context.schema, definition(context, 'group-settings'), value)) {
    const allowed = schema['x-chatcfg-group-types']
    if (allowed && typeof item === 'string' && !allowed.includes(item)) refuse('Console.GroupTypeUnsupported', `${item} groups do not support read receipts`)
    const unsupported = schema['x-chatcfg-unsupported-group-types']
    const type = unsupported && path.find((segment: Segment) => typeof segment === 'string' && unsupported.includes(segment))
    if (type && item !== undefined) refuse('Console.GroupTypeUnsupported', `${type} groups do not support ${String(path[path.length - 1])}`)
  }
}

/** A switch the schema marks `x-chatcfg-requires` is on only while its sibling is (topics need communities). */
function checkRequired(context: KindContext, kind: SettingsKind, value: Attributes): void {
  for (const {path, value: item, schema} of walkSchema(context.schema, definition(context, kind), value)) {
    const required = schema['x-chatcfg-requires']
    if (!required || item !== true) continue
    const parent = path.slice(0, -1).reduce<unknown>((node, segment) => (node as Record<string, unknown> | undefined)?.[segment], value)
    if ((parent as Record<string, unknown> | undefined)?.[required] !== true) {
      refuse('Console.SettingRequires', `${sectionOf(kind)}.${path.join('.')} needs ${required} turned on`)
    }
  }
}

function write(context: KindContext, app: AppRow, kind: SettingsKind, after: Attributes): void {
  const current = readSection(context, app.sdkAppId, kind)
  // A settings write changes what it names; everything else keeps its current value.
  const next: Attributes = {...consoleDefaults(context.schema, sectionOf(kind), app.edition), ...current, ...after}
  const problem = valueProblem(context, definition(context, kind), next)
  if (problem) refuse('Console.InvalidValue', `${sectionOf(kind)} refused: ${problem}`)
  const spec = editionSpec(context.schema, app.edition)
  const premium = premiumSettingsUsed(context, kind, next)
  if (premium.length > 0 && !spec.premiumFeatures) {
    refuse('Console.PremiumFeature', `${premium.join(', ')} not available on the ${app.edition} edition`)
  }
  if (kind === 'messages') {
    const days = next.historyDays
    if (typeof days === 'number' && spec.historyDays.max !== undefined && days > spec.historyDays.max) {
      refuse('Console.EditionLimit', `the ${app.edition} edition keeps message history for ${spec.historyDays.max} days`)
    }
    if (days !== current.historyDays) {
      if (app.historyChangedAt !== null && context.now() - app.historyChangedAt < HISTORY_CHANGE_INTERVAL_MS) {
        refuse(
          'Console.HistoryPeriodLocked',
          `the history storage period was changed on ${new Date(app.historyChangedAt).toISOString().slice(0, 10)}; it can change once a month`,
        )
      }
      context.sql('UPDATE apps SET history_changed_at = ? WHERE sdk_app_id = ?').run(context.now(), app.sdkAppId)
    }
  }
  if (kind === 'group-settings') checkGroupTypes(context, next)
  checkRequired(context, kind, next)
  context
    .sql('INSERT INTO app_settings (sdk_app_id, section, value) VALUES (?, ?, ?) ON CONFLICT (sdk_app_id, section) DO UPDATE SET value = excluded.value')
    .run(app.sdkAppId, kind, canonicalJson(next))
}

/** Login, message, friend and group settings: one singleton each per app, always present. */
export const settingsHandler: AppChildHandler = {
  readApps(context, apps) {
    const rows = context.sql(recordListSql('app_settings', ['json_quote(section)', 'value'], 'section')).all() as RecordList[]
    return recordsByApp(apps, rows).map((record, index) => {
      const app = apps[index] as AppRow
      return SETTINGS_KINDS.map((kind) => ({
        kind,
        address: childAddress(app.appKey, kind, kind),
        appKey: app.appKey,
        name: kind,
        attributes: sectionIn(record, kind),
        // When the history period last changed: it may change once a month.
        ...(kind === 'messages' && app.historyChangedAt !== null ? {computed: {historyChangedAt: app.historyChangedAt}} : {}),
      }))
    })
  },
  apply(context, app, change) {
    const kind = change.kind as SettingsKind
    if (change.action === 'delete') refuse('Console.SettingsNotDeletable', `${sectionOf(kind)} settings exist as long as the app; set values instead`)
    write(context, app, kind, change.after ?? {})
  },
}
