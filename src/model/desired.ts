import type {App, ChatcfgConfig, Policy} from '../config/generated/config.js'
import {toPointer} from '../config/pointer.js'
import {childVisits, configSchema, type RootSchema, type SchemaNode} from '../config/schema.js'
import {editionOf} from './editions.js'
import {APP_CHILD_KINDS, KINDS} from './kinds/index.js'
import type {Declaration, DeclareContext, PolicyScope} from './kinds/kind.js'
import {type Attributes, appAddress, childAddress, type Json, policyAddress, type Resource, type ResourceKind} from './resource.js'
import {FINGERPRINT} from './secret.js'

/** A resource the configuration declares, with where it is declared. */
export interface DesiredResource extends Resource {
  /** JSON pointer of the declaration in the merged configuration; attribute positions hang below it. */
  readonly pointer: string
  /** Deletion requested explicitly (`ensure: absent`). */
  readonly absent?: boolean
  /** Deletion protection (`protected: true`). */
  readonly protected?: boolean
  /** Why the resource cannot be planned yet: it depends on something this plan creates. */
  readonly pending?: string
}

/** Desired state: what the configuration declares, as resources, plus the secret values behind fingerprints. */
export interface DesiredState {
  readonly resources: readonly DesiredResource[]
  readonly secrets: ReadonlyMap<string, string>
  /** Where policies point when an app has no SDKAppID yet. */
  readonly rootUin?: number
}

type Fingerprint = (secret: string) => string

class Builder {
  readonly resources: DesiredResource[] = []
  readonly secrets = new Map<string, string>()

  /** The secret values by length. */
  private readonly secretsByLength = new Map<number, string[]>()

  /** Fingerprints by secret: the same secret (a certificate, a token) often serves many apps, and each is an HMAC. */
  private readonly fingerprints = new Map<string, string>()

  constructor(
    private readonly schema: RootSchema,
    private readonly fingerprintOf: Fingerprint,
    private readonly secretValues: ReadonlySet<string>,
  ) {
    for (const secret of secretValues) {
      const sameLength = this.secretsByLength.get(secret.length)
      if (sameLength) sameLength.push(secret)
      else this.secretsByLength.set(secret.length, [secret])
    }
  }

  /**
   * The secret value equal to `value`, if any, compared with those of its length: most strings are no secret's
   * length, and hashing a string to look it up makes a flat copy of one built in pieces (a certificate's text, at every app).
   */
  private knownSecret(value: string): string | undefined {
    const candidates = this.secretsByLength.get(value.length)
    if (candidates !== undefined) for (const secret of candidates) if (secret === value) return secret
    return undefined
  }

  private fingerprint(value: string): string {
    // Cached by the secret value's own string where it is one: hashed once, however many copies the configuration holds.
    const secret = this.knownSecret(value) ?? value
    let fingerprint = this.fingerprints.get(secret)
    if (fingerprint === undefined) {
      fingerprint = this.fingerprintOf(secret)
      this.fingerprints.set(secret, fingerprint)
    }
    return fingerprint
  }

  /** Replaces values the schema marks secret by their fingerprint, keeping the value aside for apply. */
  private masked(definition: SchemaNode, value: Attributes): Attributes {
    const result: Attributes = {...value}
    // Secret properties sit directly in the value (a webhook's token, a certificate's password): no deeper walk.
    for (const visit of childVisits(this.schema, definition, value)) {
      if (!visit.schema['x-chatcfg-secret'] || typeof visit.value !== 'string') continue
      const fingerprint = this.fingerprint(visit.value)
      this.secrets.set(fingerprint, visit.value)
      result[String(visit.path[0])] = {[FINGERPRINT]: fingerprint}
    }
    return result
  }

  /**
   * One declared resource, as kind, address, name, attributes, pointer, then what applies of absent, protected,
   * computed and pending, then its app's key. Built in one go: there is one per value of a large configuration.
   */
  private add(kind: ResourceKind, address: string, name: string, base: string, declared: Declaration, appKey?: string): void {
    let attributes = declared.attributes
    // Protection is recorded on the live resource, so it is one of its attributes; unprotected is its absence.
    if (declared.protected && !declared.absent) attributes = {...attributes, protected: true}
    if (this.secretValues.size > 0) attributes = this.maskValues(attributes) as Attributes
    const resource: {-readonly [K in keyof DesiredResource]: DesiredResource[K]} = {kind, address, name, attributes, pointer: base + toPointer(declared.path)}
    if (declared.absent !== undefined) resource.absent = declared.absent
    if (declared.protected !== undefined) resource.protected = declared.protected
    if (declared.computed) resource.computed = declared.computed
    if (declared.pending) resource.pending = declared.pending
    if (appKey !== undefined) resource.appKey = appKey
    this.resources.push(resource)
  }

  /**
   * Values that came from ${env:…} or ${file:…} are secret wherever they land, not only in secret properties.
   * A value with none inside is handed back as it is (declarations are fresh copies), so most resources are not copied again.
   */
  private maskValues(value: Json): Json {
    if (typeof value === 'string') {
      const secret = this.knownSecret(value)
      if (secret === undefined) return value
      const fingerprint = this.fingerprint(secret)
      this.secrets.set(fingerprint, secret)
      return {[FINGERPRINT]: fingerprint}
    }
    if (typeof value !== 'object' || value === null) return value
    // Copied only from the first value that changes: most lists and maps hold no secret.
    if (Array.isArray(value)) {
      let items: Json[] | undefined
      for (let index = 0; index < value.length; index++) {
        const item = value[index] as Json
        const masked = this.maskValues(item)
        if (masked !== item && !items) items = value.slice(0, index)
        items?.push(masked)
      }
      return items ?? value
    }
    if (FINGERPRINT in value) return value
    let entries: Array<[string, Json]> | undefined
    // for…in, which lists a plain object's own keys as Object.keys does, without a list of them for every map.
    for (const key in value) {
      const item = value[key] as Json
      const masked = this.maskValues(item)
      if (masked !== item && !entries) {
        entries = []
        for (const earlier in value) {
          if (earlier === key) break
          entries.push([earlier, value[earlier] as Json])
        }
      }
      entries?.push([key, masked])
    }
    return entries ? Object.fromEntries(entries) : value
  }

  /** One app and everything declared in it, kind by kind in the registry's order. */
  app(appKey: string, app: App): void {
    const context: DeclareContext = {
      schema: this.schema,
      edition: editionOf(this.schema, app) ?? 'developer',
      masked: (definition, value) => this.masked(definition, value),
    }
    // The app's own pointer once: each declaration's pointer continues it.
    const base = toPointer(['apps', appKey])
    for (const declared of KINDS.app.declare(app, context)) this.add('app', appAddress(appKey), appKey, base, declared, appKey)
    if (app.ensure === 'absent') return
    for (const kind of APP_CHILD_KINDS) {
      for (const declared of KINDS[kind].declare(app, context)) this.add(kind, childAddress(appKey, kind, declared.name), declared.name, base, declared, appKey)
    }
  }

  policy(name: string, policy: Policy, scope: PolicyScope): void {
    const declared = KINDS.policy.declare(name, policy, scope)
    this.add('policy', policyAddress(declared.name), declared.name, '', declared)
  }
}

/**
 * Desired state from a valid configuration. Secrets become fingerprints (kept in memory for apply).
 * Policy statements take SDKAppIDs from the configuration or live state; a policy naming an app that
 * does not exist yet is marked pending, to be planned once the app exists.
 */
export function buildDesired(
  config: ChatcfgConfig,
  fingerprint: Fingerprint,
  liveSdkAppId: (appKey: string) => number | undefined = () => undefined,
  liveRootUin?: number,
  secretValues: ReadonlySet<string> = new Set(),
): DesiredState {
  const builder = new Builder(configSchema(), fingerprint, secretValues)
  for (const [appKey, app] of Object.entries(config.apps ?? {})) builder.app(appKey, app)
  const rootUin = config.provider?.tencentcloud?.uin ?? config.provider?.emulator?.account?.uin ?? liveRootUin
  const sdkAppIdOf = (appKey: string) => config.apps?.[appKey]?.sdkAppId ?? liveSdkAppId(appKey)
  for (const [name, policy] of Object.entries(config.policies ?? {})) builder.policy(name, policy, {ownerUin: rootUin ?? 0, sdkAppIdOf})
  return {resources: builder.resources, secrets: builder.secrets, ...(rootUin !== undefined ? {rootUin} : {})}
}
