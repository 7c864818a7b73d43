import type {App, ChatcfgConfig, Policy} from '../config/generated/config.js'
import {type Segment, toPointer} from '../config/pointer.js'
import {configSchema, effective, type RootSchema, type SchemaNode, walkSchema} from '../config/schema.js'
import {defaultsOf} from './defaults.js'
import {editionOf, editionSpec} from './editions.js'
import {DEFAULT_ADMIN} from './new-app.js'
import {compileStatements} from './policy.js'
import {type AppChildKind, type Attributes, appAddress, childAddress, type Json, policyAddress, type Resource} from './resource.js'
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

/** A plain JSON copy, so desired state shares nothing with the parsed configuration. */
const json = (value: unknown): Json => (value === undefined ? null : (JSON.parse(JSON.stringify(value)) as Json))

/** Fills a section's console defaults under the configured values (objects merge, lists replace). */
function withDefaults(defaults: Json, configured: Json | undefined): Json {
  if (configured === undefined || configured === null) return defaults
  if (!defaults || typeof defaults !== 'object' || Array.isArray(defaults) || !configured || typeof configured !== 'object' || Array.isArray(configured))
    return configured
  const result: {[key: string]: Json} = {...defaults}
  for (const [key, value] of Object.entries(configured)) result[key] = withDefaults(defaults[key] ?? null, value)
  return result
}

class Builder {
  readonly resources: DesiredResource[] = []
  readonly secrets = new Map<string, string>()

  constructor(
    private readonly schema: RootSchema,
    private readonly fingerprint: Fingerprint,
    private readonly secretValues: ReadonlySet<string>,
  ) {}

  /** Replaces values the schema marks secret by their fingerprint, keeping the value aside for apply. */
  private masked(definition: SchemaNode, value: Attributes): Attributes {
    const result: Attributes = {...value}
    for (const visit of walkSchema(this.schema, definition, value)) {
      if (!visit.schema['x-chatcfg-secret'] || typeof visit.value !== 'string' || visit.path.length !== 1) continue
      const fingerprint = this.fingerprint(visit.value)
      this.secrets.set(fingerprint, visit.value)
      result[String(visit.path[0])] = {[FINGERPRINT]: fingerprint}
    }
    return result
  }

  private add(declared: DesiredResource): void {
    // Protection is recorded on the live resource, so it is one of its attributes; unprotected is its absence.
    const resource = declared.protected && !declared.absent ? {...declared, attributes: {...declared.attributes, protected: true}} : declared
    this.resources.push(this.secretValues.size > 0 ? {...resource, attributes: this.maskValues(resource.attributes) as Attributes} : resource)
  }

  /** Values that came from ${env:…} or ${file:…} are secret wherever they land, not only in secret properties. */
  private maskValues(value: Json): Json {
    if (typeof value === 'string' && this.secretValues.has(value)) {
      const fingerprint = this.fingerprint(value)
      this.secrets.set(fingerprint, value)
      return {[FINGERPRINT]: fingerprint}
    }
    if (Array.isArray(value)) return value.map((item) => this.maskValues(item))
    if (value && typeof value === 'object' && !(FINGERPRINT in value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.maskValues(v)]))
    return value
  }

  private child(appKey: string, kind: AppChildKind, name: string, pointer: Segment[], attributes: Attributes, extra: Partial<DesiredResource> = {}): void {
    this.add({kind, address: childAddress(appKey, kind, name), appKey, name, attributes, pointer: toPointer(pointer), ...extra})
  }

  private defaults(definition: string): Json {
    return defaultsOf(this.schema, this.schema.$defs[definition])
  }

  app(appKey: string, app: App): void {
    const base: Segment[] = ['apps', appKey]
    const edition = editionOf(this.schema, app) ?? 'developer'
    const attributes: Attributes = {name: app.name, edition, status: app.status ?? 'enabled', trtc: app.trtc ?? false, tags: json(app.tags ?? {})}
    if (app.type !== undefined) attributes.type = app.type
    if (app.introduction !== undefined) attributes.introduction = app.introduction
    this.add({
      kind: 'app',
      address: appAddress(appKey),
      appKey,
      name: appKey,
      attributes,
      pointer: toPointer(base),
      absent: app.ensure === 'absent',
      protected: app.protected === true,
      ...(app.sdkAppId !== undefined ? {computed: {sdkAppId: app.sdkAppId}} : {}),
    })
    if (app.ensure === 'absent') return

    // Settings are managed whole: what the configuration leaves out takes the console's default.
    const messages = withDefaults(this.defaults('messages'), json(app.messages)) as Attributes
    messages.historyDays ??= editionSpec(this.schema, edition).historyDays.default
    this.child(appKey, 'login', 'login', [...base, 'login'], withDefaults(this.defaults('login'), json(app.login)) as Attributes)
    this.child(appKey, 'messages', 'messages', [...base, 'messages'], messages)
    this.child(appKey, 'friends', 'friends', [...base, 'friends'], withDefaults(this.defaults('friends'), json(app.friends)) as Attributes)
    this.child(
      appKey,
      'group-settings',
      'group-settings',
      [...base, 'groupSettings'],
      withDefaults(this.defaults('groupSettings'), json(app.groupSettings)) as Attributes,
    )

    for (const [name, field] of Object.entries(app.userFields ?? {})) {
      this.child(appKey, 'user-field', name, [...base, 'userFields', name], {
        type: field.type ?? 'string',
        read: [...field.read].sort(),
        write: [...field.write].sort(),
      })
    }
    for (const [name, field] of Object.entries(app.friendFields ?? {}))
      this.child(appKey, 'friend-field', name, [...base, 'friendFields', name], {type: field.type ?? 'string'})
    for (const [name, field] of Object.entries(app.groupFields ?? {})) {
      const groupTypes = Object.fromEntries(
        Object.entries(field.groupTypes).map(([type, p]) => [type, withDefaults(this.defaults('groupFieldPermissions'), json(p))]),
      )
      this.child(appKey, 'group-field', name, [...base, 'groupFields', name], {groupTypes})
    }
    for (const [name, field] of Object.entries(app.groupMemberFields ?? {})) {
      const groupTypes = Object.fromEntries(
        Object.entries(field.groupTypes).map(([type, p]) => [type, withDefaults(this.defaults('groupMemberFieldPermissions'), json(p))]),
      )
      this.child(appKey, 'group-member-field', name, [...base, 'groupMemberFields', name], {groupTypes})
    }
    if (app.webhook) {
      const webhook = this.masked(this.schema.$defs.webhook, {events: [], ...(json(app.webhook) as Attributes)})
      this.child(appKey, 'webhook', 'webhook', [...base, 'webhook'], webhook)
    }
    for (const [vendor, {ensure, protected: isProtected, ...certificate}] of Object.entries(app.push?.android ?? {})) {
      const definition = effective(this.schema, this.schema.$defs.push).properties?.android
      const node = effective(this.schema, definition ?? {}).properties?.[vendor] ?? {}
      this.child(appKey, 'push-certificate', `android.${vendor}`, [...base, 'push', 'android', vendor], this.masked(node, json(certificate) as Attributes), {
        absent: ensure === 'absent',
        protected: isProtected === true,
      })
    }
    for (const [name, {ensure, protected: isProtected, ...certificate}] of Object.entries(app.push?.ios ?? {})) {
      // Whether to keep or protect it is a request about the certificate, not one of its values.
      const {ensure: _ensure, protected: _protected, ...defaults} = this.defaults('pushIos') as Attributes
      const attributes = withDefaults(defaults, json(certificate)) as Attributes
      this.child(appKey, 'push-certificate', `ios.${name}`, [...base, 'push', 'ios', name], this.masked(this.schema.$defs.pushIos, attributes), {
        absent: ensure === 'absent',
        protected: isProtected === true,
      })
    }
    for (const [userId, account] of Object.entries(app.accounts ?? {})) {
      const {ensure, protected: isProtected, ...profile} = account
      // The administrator every app comes with is an admin unless the configuration says otherwise.
      const type = userId === DEFAULT_ADMIN ? 'admin' : 'general'
      this.child(
        appKey,
        'account',
        userId,
        [...base, 'accounts', userId],
        {type, ...(json(profile) as Attributes)},
        {absent: ensure === 'absent', protected: isProtected === true},
      )
    }
    for (const [groupId, group] of Object.entries(app.groups ?? {})) {
      const {ensure, protected: isProtected, members, ...rest} = group
      // A member list, once declared, is managed whole: an empty one removes every member.
      // The owner is a member by being the owner; listed among the members too, it is counted once.
      const memberIds = members?.filter((id) => id !== rest.owner)
      const attributes: Attributes = {...(json(rest) as Attributes), ...(memberIds ? {members: [...memberIds].sort()} : {})}
      this.child(appKey, 'group', groupId, [...base, 'groups', groupId], attributes, {absent: ensure === 'absent', protected: isProtected === true})
    }
  }

  policy(name: string, policy: Policy, target: {ownerUin: number | string; sdkAppIdOf: (appKey: string) => number | string | undefined}): void {
    const attach = {users: [...(policy.attach?.users ?? [])].sort((a, b) => a - b), groups: [...(policy.attach?.groups ?? [])].sort((a, b) => a - b)}
    const pointer = toPointer(['policies', name])
    const absent = policy.ensure === 'absent'
    if (policy.preset) {
      this.add({kind: 'policy', address: policyAddress(policy.preset), name: policy.preset, attributes: {type: 'preset', ...attach}, pointer, absent})
      return
    }
    if (absent) {
      this.add({kind: 'policy', address: policyAddress(name), name, attributes: {type: 'custom'}, pointer, absent})
      return
    }
    const unknown = (policy.statements ?? []).flatMap((s) => s.apps).filter((appKey) => appKey !== '*' && target.sdkAppIdOf(appKey) === undefined)
    const document =
      policy.document ?? compileStatements(policy.statements ?? [], {ownerUin: target.ownerUin, sdkAppIdOf: (appKey) => target.sdkAppIdOf(appKey) ?? 0})
    this.add({
      kind: 'policy',
      address: policyAddress(name),
      name,
      attributes: {type: 'custom', description: policy.description ?? '', document: JSON.stringify(document), ...attach},
      pointer,
      ...(unknown.length > 0 ? {pending: `app ${[...new Set(unknown)].join(', ')} has no SDKAppID until it is created`} : {}),
    })
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
