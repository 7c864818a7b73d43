import type {App, Edition, Policy} from '../../config/generated/config.js'
import type {Segment} from '../../config/pointer.js'
import type {RootSchema, SchemaNode} from '../../config/schema.js'
import type {Attributes, Json, Resource, ResourceKind} from '../resource.js'

/** One resource the configuration declares: its name, where it is declared, and its attributes. */
export interface Declaration {
  readonly name: string
  /** Where it is declared, below the app's entry (below the root for policies). */
  readonly path: readonly Segment[]
  readonly attributes: Attributes
  /** `ensure: absent`. */
  readonly absent?: boolean
  /** `protected: true`. */
  readonly protected?: boolean
  /** Values the service assigns that the configuration names (an existing app's SDKAppID). */
  readonly computed?: Attributes
  /** Why it cannot be planned yet. */
  readonly pending?: string
}

/** What a kind may use while it turns configuration into resources. */
export interface DeclareContext {
  readonly schema: RootSchema
  /** The app's edition: settings defaults depend on it. */
  readonly edition: Edition
  /** The value with what the schema marks secret replaced by fingerprints (the values kept aside for apply). */
  masked(definition: SchemaNode, value: Attributes): Attributes
}

/** Configuration → resources, for kinds inside an app (and the app itself). */
export type DeclareInApp = (app: App, context: DeclareContext) => readonly Declaration[]

/** How a policy's statements find SDKAppIDs, which exist only once the apps do. */
export interface PolicyScope {
  readonly ownerUin: number | string
  readonly sdkAppIdOf: (appKey: string) => number | string | undefined
}

/** Configuration → resources, for policies (declared on the account, naming apps). */
export type DeclarePolicy = (name: string, policy: Policy, scope: PolicyScope) => Declaration

/** What a kind may use while it turns a live resource back into configuration. */
export interface ExportContext {
  readonly schema: RootSchema
  /** The edition of the resource's app (undefined for kinds on the account). */
  readonly edition: Edition | undefined
  /** The attributes with each secret as ${env:NAME}, named after `path`, for the operator to provide. */
  withSecrets(resource: Resource, path: readonly string[]): Attributes
}

/** Where an exported resource goes (below its app's entry; below the root for policies) and its value. */
export interface Exported {
  readonly path: readonly string[]
  readonly value: Json
}

/** Where a kind's resources live: inside an app (under a segment, one per app or one per name), or on the account. */
export type Placement = {readonly parent: 'account'; readonly segment: string} | {readonly parent: 'app'; readonly segment: string; readonly singleton: boolean}

/**
 * How a kind's attributes are managed: `whole` means the resource is what the configuration says and a
 * value it drops is removed; `declared` means only the attributes the configuration sets are chatcfg's.
 */
export type AttributeManagement = 'whole' | 'declared'

/**
 * When a live resource of the kind is deleted: when the configuration leaves it out (within an app it
 * manages), only on request (`ensure: absent`), or never (it lives as long as its app, or for good).
 */
export type Deletion = 'when-omitted' | 'on-request' | 'never'

/** What the engine knows of every kind, whatever it declares from. */
export interface KindBase<K extends ResourceKind> {
  readonly kind: K
  readonly placement: Placement
  /**
   * Apply level: creates and updates run by rising level (an app before its settings, accounts before
   * the groups that name them, policies after the SDKAppIDs they name); deletes by falling level.
   */
  readonly level: number
  /** The schema node describing one resource's attributes (undefined when it differs by name, as push certificates do by vendor). */
  readonly definition: (schema: RootSchema) => SchemaNode | undefined
  readonly attributes: AttributeManagement
  readonly deletion: Deletion
  /** Attribute names whose maps are managed whole: an entry the configuration removes is removed live. */
  readonly wholeMaps: readonly string[]
  /** The Chat console page, under the app's page, where an operator makes the kind's settings (null: no console steps). */
  readonly consolePage: string | null
  /**
   * Attributes the console guide puts on another page than the kind's, by dotted path (`*` matches one
   * segment; a path also covers what lies under it). The most specific match wins.
   */
  readonly consolePages?: Readonly<Record<string, string>>
  /** Resources → configuration (export): where a live resource goes, or undefined when it says nothing the defaults do not. */
  readonly export: (resource: Resource, context: ExportContext) => Exported | undefined
}

/** Kinds declared in an app's configuration: the app itself and everything inside it. */
export type InAppKind = Exclude<ResourceKind, 'policy'>

/** A kind declared in an app's configuration. */
export interface InAppKindDefinition<K extends InAppKind> extends KindBase<K> {
  /** Configuration → resources. */
  readonly declare: DeclareInApp
}

/** The policy kind, declared on the account. */
export interface PolicyKindDefinition extends KindBase<'policy'> {
  /** Configuration → resources. */
  readonly declare: DeclarePolicy
}

/** Everything the engine knows about one kind of resource, apart from how each provider reaches it. */
export type KindDefinition<K extends ResourceKind = ResourceKind> = K extends 'policy'
  ? PolicyKindDefinition
  : K extends InAppKind
    ? InAppKindDefinition<K>
    : never
