import {readFileSync} from 'node:fs'
import {isPlainObject, type Segment} from './pointer.js'

/** A JSON Schema node as chatcfg reads it: the standard keywords it walks plus its own `x-chatcfg-*` metadata. */
export interface SchemaNode {
  readonly $ref?: string
  readonly type?: string | string[]
  readonly description?: string
  readonly default?: unknown
  readonly enum?: readonly unknown[]
  readonly minimum?: number
  readonly maximum?: number
  readonly properties?: Readonly<Record<string, SchemaNode>>
  readonly additionalProperties?: SchemaNode | boolean
  readonly items?: SchemaNode
  readonly propertyNames?: SchemaNode
  readonly oneOf?: readonly SchemaNode[]
  readonly anyOf?: readonly SchemaNode[]
  /** The property holds a secret: masked in every output. */
  readonly 'x-chatcfg-secret'?: boolean
  /** The value cannot change once the resource exists. */
  readonly 'x-chatcfg-immutable'?: boolean
  /** Entries of this map can never be deleted once they exist. */
  readonly 'x-chatcfg-undeletable'?: boolean
  /** Entries can be added to this map but never removed. */
  readonly 'x-chatcfg-add-only'?: boolean
  /** true: any value but the default needs the premium feature set; a list: these values need it. */
  readonly 'x-chatcfg-premium'?: boolean | readonly unknown[]
  /** Group types the value may name. */
  readonly 'x-chatcfg-group-types'?: readonly string[]
  /** Group types (named by an enclosing key) for which the setting does not exist. */
  readonly 'x-chatcfg-unsupported-group-types'?: readonly string[]
  /** UTF-8 byte limit of a string. */
  readonly 'x-chatcfg-max-bytes'?: number
  /** Limit on the compact JSON length of the value. */
  readonly 'x-chatcfg-max-json-length'?: number
  /** Exactly one of these properties must be present. */
  readonly 'x-chatcfg-exactly-one-of'?: readonly string[]
  /** What the maxProperties of this map counts, for messages. */
  readonly 'x-chatcfg-limit'?: string
  /** The order values may only move forward in. */
  readonly 'x-chatcfg-upgrade-only'?: readonly string[]
  readonly 'x-chatcfg-editions'?: Readonly<Record<string, EditionSpec>>
  /** The most admin accounts an app may have (on the accounts map). */
  readonly 'x-chatcfg-max-admins'?: number
  /** The value is a webhook URL checked against the console's rules. */
  readonly 'x-chatcfg-webhook-url'?: boolean
  /** Group types whose member cap is not the edition's per-group limit: their own cap, or null for none (on the groupType definition). */
  readonly 'x-chatcfg-member-caps'?: Readonly<Record<string, number | null>>
  /** A boolean the console only turns on: once true, never false again. */
  readonly 'x-chatcfg-one-way'?: boolean
  /** A sibling boolean that must be true while this one is. */
  readonly 'x-chatcfg-requires'?: string
  /** The most members (owner included) a group may have for the setting to serve it. */
  readonly 'x-chatcfg-max-members'?: number
  /** The webhook event these choices belong to; they need the event in the webhook's events. */
  readonly 'x-chatcfg-event-options'?: string
}

/** What one edition includes, as the schema records it. */
export interface EditionSpec {
  /** Whether the app's owner may disable and delete it; paid apps are disabled for overdue payment and deleted by Tencent Cloud. */
  readonly ownerMayDisableAndDelete: boolean
  readonly premiumFeatures: boolean
  readonly historyDays: {readonly default: number; readonly max?: number}
  readonly limits: Readonly<Partial<Record<EditionLimit, number>>>
}

export type EditionLimit = 'accounts' | 'groups' | 'avGroups' | 'membersPerGroup' | 'groupsPerUser' | 'friendsPerUser'

export interface RootSchema extends SchemaNode {
  readonly $id: string
  readonly $defs: Readonly<Record<string, SchemaNode>>
}

let cached: RootSchema | undefined

/** The configuration schema shipped with chatcfg (schemas/chatcfg.schema.json). */
export function configSchema(): RootSchema {
  cached ??= JSON.parse(readFileSync(new URL('../../schemas/chatcfg.schema.json', import.meta.url), 'utf8')) as RootSchema
  return cached
}

/** Resolves a local `$ref` and folds the referring node's own keywords over the target's. */
export function effective(root: RootSchema, node: SchemaNode): SchemaNode {
  if (!node.$ref) return node
  const name = node.$ref.replace(/^#\/\$defs\//, '')
  const target = effective(root, root.$defs[name] ?? {})
  const {$ref: _ignored, ...own} = node
  return {...target, ...own}
}

/** One value of the configuration with the schema node that describes it. */
export interface SchemaVisit {
  readonly path: readonly Segment[]
  readonly value: unknown
  readonly schema: SchemaNode
}

function matchesType(schema: SchemaNode, value: unknown): boolean {
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type]
  if (types.length === 0) return true
  return types.some((type) => {
    switch (type) {
      case 'object':
        return isPlainObject(value)
      case 'array':
        return Array.isArray(value)
      case 'integer':
        return Number.isInteger(value)
      case 'null':
        return value === null
      default:
        return typeof value === type
    }
  })
}

/**
 * Visits every value under `value` together with its schema node, so rules can read schema metadata
 * (`x-chatcfg-*`) instead of hard-coding property names. Values the schema does not describe are skipped.
 */
export function* walkSchema(root: RootSchema, node: SchemaNode, value: unknown, path: Segment[] = []): Generator<SchemaVisit> {
  let schema = effective(root, node)
  const alternatives = schema.oneOf ?? schema.anyOf
  if (alternatives) {
    const branch = alternatives.map((b) => effective(root, b)).find((b) => matchesType(b, value))
    if (!branch) return
    schema = {...branch, ...schema, oneOf: undefined, anyOf: undefined}
  }
  yield {path, value, schema}
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const child = schema.properties?.[key] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined)
      if (child) yield* walkSchema(root, child, item, [...path, key])
    }
  } else if (Array.isArray(value) && schema.items) {
    for (let index = 0; index < value.length; index++) yield* walkSchema(root, schema.items, value[index], [...path, index])
  }
}

/** The JSON types the schema allows at `path` (every alternative of a oneOf or anyOf counts); empty when it says nothing. */
export function typesAt(root: RootSchema, path: readonly Segment[]): Set<string> {
  let nodes: SchemaNode[] = [root]
  for (const segment of path) {
    const next: SchemaNode[] = []
    for (const node of nodes.flatMap((n) => alternativesOf(root, n))) {
      const child =
        typeof segment === 'number'
          ? node.items
          : (node.properties?.[segment] ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined))
      if (child) next.push(child)
    }
    nodes = next
  }
  const types = new Set<string>()
  for (const node of nodes.flatMap((n) => alternativesOf(root, n))) for (const type of [node.type ?? []].flat()) types.add(type)
  return types
}

function alternativesOf(root: RootSchema, node: SchemaNode): SchemaNode[] {
  const schema = effective(root, node)
  const alternatives = schema.oneOf ?? schema.anyOf
  return alternatives ? [schema, ...alternatives.flatMap((alternative) => alternativesOf(root, alternative))] : [schema]
}
