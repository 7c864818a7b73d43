import type {DesiredState} from '../../../model/desired.js'

/** What reading one app needs to know of the configuration. */
export interface DeclaredApp {
  readonly name: string
  readonly sdkAppId?: number
  /** `ensure: absent`: the app is on its way out and is not read through REST. */
  readonly absent: boolean
  /** UserIDs of the accounts declared in it (REST cannot list accounts). */
  readonly accounts: readonly string[]
  /** UserIDs its groups name as owner or member without declaring them, read to tell whether they are registered. */
  readonly groupPeople: readonly string[]
  /** Names of its custom user fields, whose profile values are read with the standard ones. */
  readonly userFields: readonly string[]
  /** Names of its custom group fields, asked for by name when a group is read without its members. */
  readonly groupFields: readonly string[]
}

/** What the real provider reads: the apps and policies desired state names. */
export interface Declared {
  readonly apps: ReadonlyMap<string, DeclaredApp>
  /** Custom policies by name (an account may hold hundreds of others, which are not read). */
  readonly customPolicies: readonly string[]
  /** Preset policies whose attachments chatcfg manages. */
  readonly presetPolicies: readonly string[]
  /** The document each custom policy declares, which a live document saying the same is read as. */
  readonly policyDocuments: ReadonlyMap<string, string>
}

/** The names in desired state the real service cannot list for itself. */
export function declaredOf(desired: DesiredState): Declared {
  const apps = new Map<string, DeclaredApp>()
  const namesIn = (appKey: string, kind: string) => desired.resources.filter((r) => r.kind === kind && r.appKey === appKey).map((r) => r.name)
  for (const app of desired.resources) {
    if (app.kind !== 'app' || app.appKey === undefined) continue
    const sdkAppId = app.computed?.sdkAppId
    apps.set(app.appKey, {
      name: typeof app.attributes.name === 'string' ? app.attributes.name : app.appKey,
      ...(typeof sdkAppId === 'number' ? {sdkAppId} : {}),
      absent: app.absent === true,
      accounts: namesIn(app.appKey, 'account'),
      groupPeople: groupPeopleOf(desired, app.appKey),
      userFields: namesIn(app.appKey, 'user-field'),
      groupFields: namesIn(app.appKey, 'group-field'),
    })
  }
  const policies = desired.resources.filter((r) => r.kind === 'policy')
  return {
    apps,
    customPolicies: policies.filter((p) => p.attributes.type !== 'preset').map((p) => p.name),
    presetPolicies: policies.filter((p) => p.attributes.type === 'preset').map((p) => p.name),
    policyDocuments: new Map(policies.flatMap((p) => (typeof p.attributes.document === 'string' ? [[p.name, p.attributes.document] as const] : []))),
  }
}

/** Owners and members the app's groups name that the app does not declare as accounts. */
function groupPeopleOf(desired: DesiredState, appKey: string): string[] {
  const inApp = desired.resources.filter((r) => r.appKey === appKey)
  const declared = new Set(inApp.filter((r) => r.kind === 'account').map((r) => r.name))
  const people = inApp
    .filter((r) => r.kind === 'group' && !r.absent)
    .flatMap((r) => [r.attributes.owner, ...(Array.isArray(r.attributes.members) ? r.attributes.members : [])])
    .filter((id): id is string => typeof id === 'string' && !declared.has(id))
  return [...new Set(people)].sort()
}
