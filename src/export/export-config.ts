import type {Edition} from '../config/generated/config.js'
import {configSchema} from '../config/schema.js'
import {KINDS} from '../model/kinds/index.js'
import type {ExportContext, Exported} from '../model/kinds/kind.js'
import type {LiveState} from '../model/live.js'
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

/** Puts an exported value at its path, objects on the way created as needed. */
function place(target: {[key: string]: Json}, exported: Exported | undefined): void {
  if (!exported) return
  let at = target
  for (const segment of exported.path.slice(0, -1)) {
    const next = at[segment]
    if (!next || typeof next !== 'object' || Array.isArray(next)) at[segment] = {}
    at = at[segment] as {[key: string]: Json}
  }
  const last = exported.path.at(-1)
  if (last === undefined) Object.assign(at, exported.value)
  else at[last] = exported.value
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

  const withSecrets = (resource: Resource, appKey: string, prefix: readonly string[]): Attributes => {
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
    const context: ExportContext = {
      schema,
      edition: String(app.attributes.edition) as Edition,
      withSecrets: (resource, path) => withSecrets(resource, key, path),
    }
    const entry: {[key: string]: Json} = {}
    for (const resource of [app, ...(byApp.get(app.name) ?? [])]) place(entry, KINDS[resource.kind].export(resource, context))
    apps[key] = entry
  }

  const root: {[key: string]: Json} = {}
  const context: ExportContext = {schema, edition: undefined, withSecrets: (resource, path) => withSecrets(resource, resource.name, path)}
  for (const policy of live.resources.filter((r) => r.kind === 'policy')) place(root, KINDS.policy.export(policy, context))
  return {config: {version: 1, apps, ...root}, secrets}
}
