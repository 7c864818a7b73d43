import type {App, ChatcfgConfig, Policy} from '../config/generated/config.js'
import type {Segment} from '../config/pointer.js'
import type {RootSchema, SchemaNode, SchemaVisit} from '../config/schema.js'
import type {DiagnosticCode} from '../diagnostics/codes.js'
import type {Severity} from '../diagnostics/diagnostic.js'
import type {DesiredResource} from '../model/desired.js'
import {KINDS} from '../model/kinds/index.js'
import type {Principals} from '../model/live.js'
import type {Change, Resource, ResourceKind} from '../model/resource.js'

/**
 * A problem a rule found, before it is located. A rule that needs no live state says where in the
 * configuration (`path`, at its key or its value); a rule that reads live state names the resource
 * (`address`, and the dotted `attribute` at fault). Whoever runs the rules turns either into a source range.
 */
export interface Finding {
  readonly code: DiagnosticCode
  readonly message: string
  /** Errors unless said otherwise. */
  readonly severity?: Severity
  readonly path?: readonly Segment[]
  /** Point at the map key rather than the value (the default). */
  readonly at?: 'key' | 'value'
  readonly address?: string
  readonly attribute?: string
  /** The change this finding refuses; a live-state error without it blocks the plan as a whole. */
  readonly blocks?: string
}

/**
 * What a rule that needs no live state sees. `apps` and `policies` passed the schema, so their types
 * hold; `visits` pairs every value outside a schema error with its schema node; `config` is the whole
 * configuration as written, whose types hold only where the schema found nothing wrong.
 */
export interface RuleContext {
  readonly config: ChatcfgConfig
  readonly schema: RootSchema
  readonly apps: ReadonlyArray<readonly [string, App]>
  readonly policies: ReadonlyArray<readonly [string, Policy]>
  readonly visits: readonly SchemaVisit[]
  /** The visits whose schema node sets any of these keywords (to anything but undefined), in the order of `visits`. */
  visitsWith(...keywords: IndexedKeyword[]): readonly SchemaVisit[]
  /** True for values that must never be shown: secret properties and values from ${…} references. */
  readonly isSecret: (path: readonly Segment[]) => boolean
  /** True for values produced by a ${env:…} or ${file:…} reference. */
  readonly isReference: (path: readonly Segment[]) => boolean
}

/** The schema keywords rules find their values by: looked up once per schema node, not once per value per rule. */
export const INDEXED_KEYWORDS = [
  'x-chatcfg-max-bytes',
  'x-chatcfg-exactly-one-of',
  'x-chatcfg-max-json-length',
  'x-chatcfg-secret',
  'x-chatcfg-premium',
  'x-chatcfg-requires',
  'x-chatcfg-event-options',
  'x-chatcfg-group-types',
  'x-chatcfg-unsupported-group-types',
  'x-chatcfg-webhook-url',
] as const satisfies ReadonlyArray<keyof SchemaNode>

export type IndexedKeyword = (typeof INDEXED_KEYWORDS)[number]

/** A change as live-state rules read it: what happens to a resource, and which attribute paths move. */
export interface RuleChange extends Change {
  readonly changedPaths: readonly string[]
}

/** What a live-state rule sees: desired and live resources by address, and the changes drafted so far. */
export interface LiveRuleContext {
  readonly schema: RootSchema
  readonly desired: ReadonlyMap<string, DesiredResource>
  readonly live: ReadonlyMap<string, Resource>
  readonly changes: readonly RuleChange[]
  /**
   * The provider's clock, for rules such as "once a month". A rule may only relax as time passes: apply
   * reuses a plan made before it took the lock when live state has not moved since (operations/apply.ts).
   */
  readonly now: number
  /** Who policies may be attached to, when the provider can see it. */
  readonly principals?: Principals
}

/** A family of checks that need no live state. Rules are pure: context in, findings out. */
export type Rule = (context: RuleContext) => Iterable<Finding>

/** A family of checks against live state, run by the planner on the changes it drafted. */
export type LiveRule = (context: LiveRuleContext) => Iterable<Finding>

/** A value for a message: the value itself, unless it is secret. */
export function shown(context: RuleContext, path: readonly Segment[], value: unknown): string {
  return context.isSecret(path) ? '(secret value)' : JSON.stringify(value)
}

/** The schema node describing a resource's attributes, so rules read metadata (immutable, add-only, one-way) from it. */
export function kindSchema(schema: RootSchema, kind: ResourceKind): SchemaNode | undefined {
  return KINDS[kind].definition(schema)
}
