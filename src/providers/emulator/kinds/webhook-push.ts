import {effective} from '../../../config/schema.js'
import {type Attributes, childAddress, type Json} from '../../../model/resource.js'
import {webhookPortChangeProblem, webhookUrlProblem} from '../../../rules/webhook-url.js'
import {
  type AppChildHandler,
  type AppRow,
  canonicalJson,
  type KindContext,
  maskSecret,
  namedResources,
  parseJson,
  type RecordList,
  recordListSql,
  recordsByApp,
  refuse,
  valueProblem,
} from '../context.js'

/** Property names the schema marks secret in a definition (one level: push and webhook values are flat). */
function secretProperties(context: KindContext, definition: string): string[] {
  const node = effective(context.schema, context.schema.$defs[definition])
  return Object.entries(node.properties ?? {})
    .filter(([, child]) => effective(context.schema, child)['x-chatcfg-secret'])
    .map(([name]) => name)
}

function masked(context: KindContext, attributes: Attributes, secrets: readonly string[]): Attributes {
  const result: Attributes = {...attributes}
  for (const name of secrets) if (result[name] !== undefined) result[name] = maskSecret(context, result[name]) as Json
  return result
}

/** Choices that belong to one event (the group-profile callback's four) need that event on. */
function checkEventOptions(context: KindContext, after: Attributes): void {
  const node = effective(context.schema, context.schema.$defs.webhook)
  const events = Array.isArray(after.events) ? after.events : []
  for (const [name, property] of Object.entries(node.properties ?? {})) {
    const event = property['x-chatcfg-event-options']
    if (event && after[name] !== undefined && !events.includes(event)) refuse('Console.WebhookEventOptions', `${name} needs the ${event} event`)
  }
}

/** The webhook: URL checked against the console's rules, event list, and the token kept as a fingerprint. */
export const webhookHandler: AppChildHandler = {
  readApps(context, apps) {
    const rows = context.sql(recordListSql('webhooks', ['value'], 'sdk_app_id')).all() as RecordList[]
    return recordsByApp(apps, rows).map((record, index) => {
      const app = apps[index] as AppRow
      return record.map((attributes) => ({
        kind: 'webhook',
        address: childAddress(app.appKey, 'webhook', 'webhook'),
        appKey: app.appKey,
        name: 'webhook',
        attributes: attributes as Attributes,
      }))
    })
  },
  apply(context, app, change) {
    const row = context.sql('SELECT value FROM webhooks WHERE sdk_app_id = ?').get(app.sdkAppId) as {value: string} | undefined
    const current = row ? parseJson<Attributes>(row.value) : undefined
    if (change.action === 'delete') {
      if (!current) refuse('Console.WebhookNotFound', 'the app has no webhook')
      context.sql('DELETE FROM webhooks WHERE sdk_app_id = ?').run(app.sdkAppId)
      return
    }
    const after = change.after ?? {}
    const url = typeof after.url === 'string' ? after.url : ''
    const problem = webhookUrlProblem(url)
    if (problem) refuse('Console.WebhookUrlInvalid', `webhook URL refused: ${problem}`)
    if (current && typeof current.url === 'string') {
      const portProblem = webhookPortChangeProblem(current.url, url)
      if (portProblem) refuse('Console.WebhookPortChange', portProblem)
    }
    const invalid = valueProblem(context, context.schema.$defs.webhook, after)
    if (invalid) refuse('Console.InvalidValue', `webhook refused: ${invalid}`)
    checkEventOptions(context, after)
    const value = masked(context, {events: [], ...after}, secretProperties(context, 'webhook'))
    context
      .sql('INSERT INTO webhooks (sdk_app_id, value) VALUES (?, ?) ON CONFLICT (sdk_app_id) DO UPDATE SET value = excluded.value')
      .run(app.sdkAppId, canonicalJson(value))
  },
}

/** Definitions of each push certificate, by the name chatcfg gives it (android.<vendor> or ios.<name>). */
const ANDROID_DEFINITIONS: Record<string, string> = {
  mi: 'pushAppIdSecret',
  huawei: 'pushAppIdSecret',
  meizu: 'pushAppIdSecret',
  google: 'pushGoogle',
  vivo: 'pushVivo',
  oppo: 'pushOppo',
  honor: 'pushHonor',
}

function pushDefinition(name: string): string | undefined {
  const [platform, vendor] = name.split('.', 2)
  if (platform === 'ios' && vendor) return 'pushIos'
  return platform === 'android' ? ANDROID_DEFINITIONS[vendor ?? ''] : undefined
}

/** Offline push certificates: the secret material (certificates, keys, passwords) is stored only as fingerprints. */
export const pushHandler: AppChildHandler = {
  readApps(context, apps) {
    const rows = context.sql(recordListSql('push_certificates', ['json_quote(name)', 'value'], 'name')).all() as RecordList[]
    return recordsByApp(apps, rows).map((record, index) => namedResources(apps[index] as AppRow, 'push-certificate', record))
  },
  apply(context, app, change) {
    const definition = pushDefinition(change.name)
    if (!definition) refuse('Console.PushPlatformUnknown', `"${change.name}" is not a push platform; use android.<vendor> or ios.<name>`)
    if (change.action === 'delete') {
      if (context.sql('DELETE FROM push_certificates WHERE sdk_app_id = ? AND name = ?').run(app.sdkAppId, change.name).changes === 0) {
        refuse('Console.CertificateNotFound', `push certificate ${change.name} does not exist`)
      }
      return
    }
    // The console marks the iOS certificate password required.
    if (definition === 'pushIos' && (change.after?.password ?? '') === '')
      refuse('Console.CertificatePasswordRequired', `push certificate ${change.name} needs its password`)
    const exists = context.sql('SELECT 1 FROM push_certificates WHERE sdk_app_id = ? AND name = ?').get(app.sdkAppId, change.name)
    if (change.action === 'create' && exists) refuse('Console.CertificateExists', `push certificate ${change.name} already exists`)
    if (change.action === 'update' && !exists) refuse('Console.CertificateNotFound', `push certificate ${change.name} does not exist`)
    const value = masked(context, change.after ?? {}, secretProperties(context, definition))
    context
      .sql('INSERT INTO push_certificates (sdk_app_id, name, value) VALUES (?, ?, ?) ON CONFLICT (sdk_app_id, name) DO UPDATE SET value = excluded.value')
      .run(app.sdkAppId, change.name, canonicalJson(value))
  },
}
