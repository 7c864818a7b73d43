import {effective} from '../../../config/schema.js'
import {type FieldKind, sectionOf} from '../../../model/kinds/index.js'
import {type Attributes, childAddress, type Resource} from '../../../model/resource.js'
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

/** Group and group member fields share one namespace. */
const SHARED_NAMESPACE: readonly FieldKind[] = ['group-field', 'group-member-field']

function fieldRule(context: KindContext, kind: FieldKind): {pattern: RegExp; max: number; label: string} {
  const map = context.schema.$defs[sectionOf(kind)]
  const names = effective(context.schema, map.propertyNames ?? {}) as {pattern?: string}
  return {
    pattern: new RegExp(names.pattern ?? '.*'),
    max: (map as {maxProperties?: number}).maxProperties ?? Number.POSITIVE_INFINITY,
    label: map['x-chatcfg-limit'] ?? kind,
  }
}

function existing(context: KindContext, sdkAppId: number, kind: FieldKind, name: string): Attributes | undefined {
  const row = context.sql('SELECT value FROM custom_fields WHERE sdk_app_id = ? AND kind = ? AND name = ?').get(sdkAppId, kind, name) as
    | {value: string}
    | undefined
  return row ? parseJson<Attributes>(row.value) : undefined
}

function groupTypes(attributes: Attributes | undefined): string[] {
  const types = attributes?.groupTypes
  return types && typeof types === 'object' && !Array.isArray(types) ? Object.keys(types) : []
}

/** The checks a field's definition passes on creation and on every change. */
function checkDefinition(context: KindContext, kind: FieldKind, name: string, value: Attributes): void {
  if (SHARED_NAMESPACE.includes(kind) && groupTypes(value).length === 0)
    refuse('Console.GroupTypeRequired', `custom field "${name}" needs at least one group type`)
  if (kind === 'user-field') {
    const {read, write} = value
    if (!Array.isArray(read) || read.length === 0 || !Array.isArray(write) || write.length === 0) {
      refuse('Console.PermissionRequired', `custom user field "${name}" needs at least one read and one write permission`)
    }
  }
  const map = context.schema.$defs[sectionOf(kind)]
  const problem = typeof map.additionalProperties === 'object' ? valueProblem(context, map.additionalProperties, value) : undefined
  if (problem) refuse('Console.InvalidValue', `custom field "${name}" refused: ${problem}`)
  const known = effective(context.schema, context.schema.$defs.groupType).enum ?? []
  const unknown = groupTypes(value).find((type) => !known.includes(type))
  if (unknown) refuse('Console.InvalidValue', `"${unknown}" is not a group type`)
}

function create(context: KindContext, app: AppRow, kind: FieldKind, name: string, after: Attributes): void {
  const rule = fieldRule(context, kind)
  if (!rule.pattern.test(name)) refuse('Console.InvalidFieldName', `"${name}" is not a valid name for ${rule.label}`)
  if (existing(context, app.sdkAppId, kind, name)) refuse('Console.FieldExists', `custom field "${name}" already exists`)
  const count = (context.sql('SELECT count(*) AS n FROM custom_fields WHERE sdk_app_id = ? AND kind = ?').get(app.sdkAppId, kind) as {n: number}).n
  if (count >= rule.max) refuse('Console.FieldLimit', `the app already has ${count} ${rule.label}; at most ${rule.max}`)
  if (SHARED_NAMESPACE.includes(kind)) {
    const other = SHARED_NAMESPACE.find((k) => k !== kind) as FieldKind
    if (existing(context, app.sdkAppId, other, name)) refuse('Console.FieldNameConflict', `"${name}" is already a ${sectionOf(other)} name`)
  }
  checkDefinition(context, kind, name, after)
  context
    .sql('INSERT INTO custom_fields (sdk_app_id, kind, name, value, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(app.sdkAppId, kind, name, canonicalJson(after), context.now())
}

function update(context: KindContext, app: AppRow, kind: FieldKind, name: string, after: Attributes): void {
  const before = existing(context, app.sdkAppId, kind, name)
  if (!before) refuse('Console.FieldNotFound', `custom field "${name}" does not exist`)
  if ((after.type ?? 'string') !== (before.type ?? 'string')) refuse('Console.FieldImmutable', `the type of custom field "${name}" cannot change`)
  if (SHARED_NAMESPACE.includes(kind)) {
    const removed = groupTypes(before).filter((type) => !groupTypes(after).includes(type))
    if (removed.length > 0) refuse('Console.GroupTypeRemoved', `group types cannot be removed from custom field "${name}": ${removed.join(', ')}`)
  }
  const next = {...before, ...after}
  checkDefinition(context, kind, name, next)
  context.sql('UPDATE custom_fields SET value = ? WHERE sdk_app_id = ? AND kind = ? AND name = ?').run(canonicalJson(next), app.sdkAppId, kind, name)
}

/** Custom user, friend, group and group member fields: created, changed within limits, never deleted. */
export const customFieldsHandler: AppChildHandler = {
  readApps(context, apps) {
    const rows = context.sql(recordListSql('custom_fields', ['json_quote(kind)', 'json_quote(name)', 'value'], 'kind, name')).all() as RecordList[]
    return recordsByApp(apps, rows).map((record, index) => {
      const app = apps[index] as AppRow
      const resources: Resource[] = []
      for (let at = 0; at < record.length; at += 3) {
        const kind = record[at] as FieldKind
        const name = record[at + 1] as string
        resources.push({kind, address: childAddress(app.appKey, kind, name), appKey: app.appKey, name, attributes: record[at + 2] as Attributes})
      }
      return resources
    })
  },
  apply(context, app, change) {
    const kind = change.kind as FieldKind
    switch (change.action) {
      case 'create':
        return create(context, app, kind, change.name, change.after ?? {})
      case 'update':
        return update(context, app, kind, change.name, change.after ?? {})
      case 'delete':
        return refuse('Console.FieldUndeletable', `custom field "${change.name}" cannot be deleted; custom fields are permanent`)
    }
  },
}
