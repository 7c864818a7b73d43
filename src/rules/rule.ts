import type {App, ChatcfgConfig, Policy} from '../config/generated/config.js'
import type {Segment} from '../config/pointer.js'
import type {RootSchema, SchemaVisit} from '../config/schema.js'
import type {DiagnosticCode} from '../diagnostics/codes.js'

/**
 * What a rule sees. `apps` and `policies` passed the schema, so their types hold; `visits` pairs every
 * value outside a schema error with its schema node; `config` is the whole configuration as written,
 * whose types hold only where the schema found nothing wrong.
 */
export interface RuleContext {
  readonly config: ChatcfgConfig
  readonly schema: RootSchema
  readonly apps: ReadonlyArray<readonly [string, App]>
  readonly policies: ReadonlyArray<readonly [string, Policy]>
  readonly visits: readonly SchemaVisit[]
  /** True for values that must never be shown: secret properties and values from ${…} references. */
  readonly isSecret: (path: readonly Segment[]) => boolean
  /** True for values produced by a ${env:…} or ${file:…} reference. */
  readonly isReference: (path: readonly Segment[]) => boolean
}

/** A problem found by a rule, at a path into the configuration; the loader adds the source position. */
export interface Finding {
  readonly code: DiagnosticCode
  readonly message: string
  readonly path: readonly Segment[]
  /** Point at the map key rather than the value (the default). */
  readonly at?: 'key' | 'value'
  readonly severity?: 'error' | 'warning'
}

/** A family of checks that need no live state. Rules are pure: context in, findings out. */
export type Rule = (context: RuleContext) => Iterable<Finding>

/** A value for a message: the value itself, unless it is secret. */
export function shown(context: RuleContext, path: readonly Segment[], value: unknown): string {
  return context.isSecret(path) ? '(secret value)' : JSON.stringify(value)
}
