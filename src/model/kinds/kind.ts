import type {RootSchema, SchemaNode} from '../../config/schema.js'
import type {ResourceKind} from '../resource.js'

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

/** Everything the engine knows about one kind of resource, apart from how each provider reaches it. */
export interface KindDefinition<K extends ResourceKind = ResourceKind> {
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
}
