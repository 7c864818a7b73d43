import {isDeepStrictEqual} from 'node:util'
import {configSchema} from '../config/schema.js'
import {defaultsOf} from '../model/defaults.js'
import {editionSpec} from '../model/editions.js'
import {isFieldKind, isSettingsKind, sectionOf} from '../model/kinds/index.js'
import type {LiveState} from '../model/live.js'
import {DEFAULT_ADMIN} from '../model/new-app.js'
import type {Attributes, Json, Resource} from '../model/resource.js'
import {isSecretMark} from '../model/secret.js'

/** A secret the export cannot write out (only its fingerprint is known): it becomes ${env:NAME}. */
export interface ExportedSecret {
  readonly env: string
  readonly address: string
  readonly attribute: string
}

export interface ExportResult {
  /** A chatcfg configuration that describes the live state. */
  readonly config: Record<string, Json>
  readonly secrets: readonly ExportedSecret[]
}

/** What differs from the defaults, so the exported file says only what was chosen. */
function differences(value: Json, defaults: Json): Json | undefined {
  if (isDeepStrictEqual(value, defaults)) return undefined
  if (value && typeof value === 'object' && !Array.isArray(value) && defaults && typeof defaults === 'object' && !Array.isArray(defaults)) {
    const result: {[key: string]: Json} = {}
    for (const [key, item] of Object.entries(value)) {
      const kept = differences(item, defaults[key] ?? null)
      if (kept !== undefined) result[key] = kept
    }
    return Object.keys(result).length > 0 ? result : undefined
  }
  return value
}

const envName = (...parts: string[]) =>
  parts
    .join('_')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')

/**
 * Live state as a chatcfg configuration, so an existing app can be adopted: export, then plan shows no
 * changes. Secrets cannot be read back, so each becomes ${env:NAME} for the operator to provide. Apps
 * chatcfg does not manage yet keep their SDKAppID, and the first plan adopts them.
 */
export function exportConfig(live: LiveState): ExportResult {
  const schema = configSchema()
  const secrets: ExportedSecret[] = []
  const apps: Record<string, {[key: string]: Json}> = {}
  const byApp = new Map<string, Resource[]>()
  for (const resource of live.resources)
    if (resource.appKey && resource.kind !== 'app') byApp.set(resource.appKey, [...(byApp.get(resource.appKey) ?? []), resource])

  const withSecrets = (resource: Resource, appKey: string, prefix: string[]): Attributes => {
    const result: Attributes = {}
    for (const [key, value] of Object.entries(resource.attributes)) {
      if (isSecretMark(value)) {
        const env = envName(appKey, ...prefix, key)
        secrets.push({env, address: resource.address, attribute: key})
        result[key] = `\${env:${env}}`
      } else result[key] = value
    }
    return result
  }

  for (const app of live.resources.filter((r) => r.kind === 'app')) {
    const unmanaged = /^sdkappid-\d+$/.test(app.name)
    const key = unmanaged ? `app-${app.computed?.sdkAppId}` : app.name
    const {name, edition, status, trtc, tags, type, introduction, protected: isProtected} = app.attributes
    const entry: {[key: string]: Json} = {
      ...(unmanaged ? {sdkAppId: app.computed?.sdkAppId ?? null} : {}),
      name: name ?? key,
      edition: edition ?? 'developer',
      ...(type !== undefined ? {type} : {}),
      ...(introduction !== undefined ? {introduction} : {}),
      ...(status === 'disabled' ? {status} : {}),
      ...(trtc === true ? {trtc} : {}),
      ...(isProtected === true ? {protected: true} : {}),
      ...(tags && typeof tags === 'object' && Object.keys(tags).length > 0 ? {tags} : {}),
    }
    for (const resource of byApp.get(app.name) ?? []) {
      if (isSettingsKind(resource.kind)) {
        const section = sectionOf(resource.kind)
        const defaults = defaultsOf(schema, schema.$defs[section])
        if (resource.kind === 'messages') defaults.historyDays = editionSpec(schema, String(edition) as never).historyDays.default
        const changed = differences(resource.attributes, defaults)
        if (changed !== undefined) entry[section] = changed
        continue
      }
      if (isFieldKind(resource.kind)) {
        const fields = sectionOf(resource.kind)
        entry[fields] = {...((entry[fields] as object) ?? {}), [resource.name]: resource.attributes}
        continue
      }
      switch (resource.kind) {
        case 'webhook':
          entry.webhook = withSecrets(resource, key, ['webhook'])
          break
        case 'push-certificate': {
          const [platform, name] = resource.name.split('.', 2)
          const push = (entry.push as {[key: string]: {[key: string]: Json}}) ?? {}
          push[platform] = {...(push[platform] ?? {}), [name]: withSecrets(resource, key, ['push', platform, name])}
          entry.push = push
          break
        }
        case 'account': {
          // Every app has its administrator; say so only when it carries more than its type.
          if (resource.name === DEFAULT_ADMIN && Object.keys(resource.attributes).length === 1) break
          const {type: accountType, ...profile} = resource.attributes
          entry.accounts = {...((entry.accounts as object) ?? {}), [resource.name]: {...(accountType === 'admin' ? {type: 'admin'} : {}), ...profile}}
          break
        }
        case 'group':
          entry.groups = {...((entry.groups as object) ?? {}), [resource.name]: resource.attributes}
          break
        default:
          break
      }
    }
    apps[key] = entry
  }

  const policies: Record<string, Json> = {}
  for (const policy of live.resources.filter((r) => r.kind === 'policy')) {
    const attach: {[key: string]: Json} = {}
    for (const target of ['users', 'groups']) {
      const list = policy.attributes[target]
      if (Array.isArray(list) && list.length > 0) attach[target] = list
    }
    const base: {[key: string]: Json} = Object.keys(attach).length > 0 ? {attach} : {}
    if (policy.attributes.type === 'preset') policies[policy.name] = {preset: policy.name, ...base}
    else {
      const description = policy.attributes.description
      const exported: {[key: string]: Json} = {document: JSON.parse(String(policy.attributes.document)) as Json, ...base}
      if (typeof description === 'string' && description !== '') exported.description = description
      policies[policy.name] = exported
    }
  }
  return {config: {version: 1, apps, ...(Object.keys(policies).length > 0 ? {policies} : {})}, secrets}
}
