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

/**
 * `compute` worked out once per schema and node, and shared by every caller (read what it gives, never change
 * it): a walk, a plan and desired state meet the same few hundred nodes at every one of their values.
 */
export function oncePerNode<T>(compute: (root: RootSchema, node: SchemaNode) => T): (root: RootSchema, node: SchemaNode) => T {
  const bySchema = new WeakMap<RootSchema, WeakMap<SchemaNode, T>>()
  return (root, node) => {
    let known = bySchema.get(root)
    if (!known) {
      known = new WeakMap()
      bySchema.set(root, known)
    }
    const found = known.get(node)
    if (found !== undefined || known.has(node)) return found as T
    const value = compute(root, node)
    known.set(node, value)
    return value
  }
}

/** A local `$ref` resolved, the referring node's own keywords folded over the target's. */
const resolvedRef = oncePerNode((root, node): SchemaNode => {
  const name = (node.$ref as string).replace(/^#\/\$defs\//, '')
  const target = effective(root, root.$defs[name] ?? {})
  const {$ref: _ignored, ...own} = node
  return {...target, ...own}
})

/** Resolves a local `$ref` and folds the referring node's own keywords over the target's. */
export function effective(root: RootSchema, node: SchemaNode): SchemaNode {
  return node.$ref ? resolvedRef(root, node) : node
}

/** One value of the configuration with the schema node that describes it. */
export interface SchemaVisit {
  readonly path: readonly Segment[]
  readonly value: unknown
  readonly schema: SchemaNode
}

function hasType(type: string, value: unknown): boolean {
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
}

function matchesType(schema: SchemaNode, value: unknown): boolean {
  const type = schema.type
  if (type === undefined) return true
  if (typeof type === 'string') return hasType(type, value)
  return type.length === 0 || type.some((each) => hasType(each, value))
}

/** A resolved node folded over the alternative (oneOf/anyOf) a value takes, by node and alternative. */
const chosenBranches = new WeakMap<SchemaNode, Map<SchemaNode, SchemaNode>>()

/** The schema node describing `value`: `node` resolved, and folded over the alternative the value's type matches; undefined when none does. */
function describing(root: RootSchema, node: SchemaNode, value: unknown): SchemaNode | undefined {
  const schema = effective(root, node)
  const alternatives = schema.oneOf ?? schema.anyOf
  if (!alternatives) return schema
  let branch: SchemaNode | undefined
  for (const alternative of alternatives) {
    const resolved = effective(root, alternative)
    if (matchesType(resolved, value)) {
      branch = resolved
      break
    }
  }
  if (!branch) return undefined
  let folded = chosenBranches.get(schema)
  if (!folded) {
    folded = new Map()
    chosenBranches.set(schema, folded)
  }
  let chosen = folded.get(branch)
  if (!chosen) {
    chosen = {...branch, ...schema, oneOf: undefined, anyOf: undefined}
    folded.set(branch, chosen)
  }
  return chosen
}

/**
 * A visit whose path is worked out when asked, from its parent's: rules ask for the paths of the few values
 * they report, and a path kept for every value was most of what a walk of a large configuration allocated.
 */
class Visit implements SchemaVisit {
  constructor(
    readonly value: unknown,
    readonly schema: SchemaNode,
    /** The visit of the value holding this one, or the path of the walk's first value. */
    private readonly parent: Visit | readonly Segment[],
    private readonly segment: Segment,
  ) {}

  /** Worked out once, on the first question: a rule may read it several times. */
  private known?: Segment[]

  get path(): Segment[] {
    this.known ??= this.pathFromParents()
    return this.known
  }

  private pathFromParents(): Segment[] {
    const segments: Segment[] = []
    let at: Visit | readonly Segment[] = this
    while (at instanceof Visit) {
      if (at.parent instanceof Visit) segments.push(at.segment)
      else {
        segments.reverse()
        return [...at.parent, ...segments]
      }
      at = at.parent
    }
    return segments
  }
}

/**
 * Every value under `value` together with its schema node, so rules can read schema metadata
 * (`x-chatcfg-*`) instead of hard-coding property names. Values the schema does not describe are skipped.
 * Depth first, each value before what it holds, in the value's own order; resolved nodes are shared
 * between visits (read them, never change them). Built as one array: every caller reads all of it, and a
 * generator resumed once per value cost a large configuration more than the visits themselves.
 */
export function walkSchema(root: RootSchema, node: SchemaNode, value: unknown, path: Segment[] = []): SchemaVisit[] {
  const visits: SchemaVisit[] = []
  // Stacks of what is left, children pushed last to first, so the first is visited next.
  const nodes: SchemaNode[] = [node]
  const values: unknown[] = [value]
  const parents: Array<Visit | readonly Segment[]> = [path]
  const segments: Segment[] = ['']
  while (nodes.length > 0) {
    const here = values.pop()
    const parent = parents.pop() as Visit | readonly Segment[]
    const segment = segments.pop() as Segment
    const schema = describing(root, nodes.pop() as SchemaNode, here)
    if (!schema) continue
    const visit = new Visit(here, schema, parent, segment)
    visits.push(visit)
    if (isPlainObject(here)) {
      const keys = Object.keys(here)
      for (let index = keys.length - 1; index >= 0; index--) {
        const key = keys[index] as string
        const child = schema.properties?.[key] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined)
        if (!child) continue
        nodes.push(child)
        values.push(here[key])
        parents.push(visit)
        segments.push(key)
      }
    } else if (Array.isArray(here) && schema.items) {
      for (let index = here.length - 1; index >= 0; index--) {
        nodes.push(schema.items)
        values.push(here[index])
        parents.push(visit)
        segments.push(index)
      }
    }
  }
  return visits
}

/** The visits of walkSchema one level below `value` (its keys or items), in the same order: for callers that look no deeper. */
export function childVisits(root: RootSchema, node: SchemaNode, value: unknown): SchemaVisit[] {
  const schema = describing(root, node, value)
  const visits: SchemaVisit[] = []
  if (!schema) return visits
  const visit = (child: SchemaNode, item: unknown, segment: Segment) => {
    const described = describing(root, child, item)
    if (described) visits.push({path: [segment], value: item, schema: described})
  }
  if (isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      const child = schema.properties?.[key] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined)
      if (child) visit(child, value[key], key)
    }
  } else if (Array.isArray(value) && schema.items) {
    for (let index = 0; index < value.length; index++) visit(schema.items, value[index], index)
  }
  return visits
}

/** Per schema node, whether a walk from it can meet each keyword asked about so far. */
const keywordReach = new WeakMap<SchemaNode, Map<keyof SchemaNode, boolean>>()

/**
 * Whether a walk from `node` can meet a node that sets `keyword` (to anything but false or undefined), so
 * a caller looking for one keyword can skip values whose schema never holds it. Every alternative counts.
 */
export function mayHold(root: RootSchema, node: SchemaNode, keyword: keyof SchemaNode): boolean {
  let known = keywordReach.get(node)
  if (!known) {
    known = new Map()
    keywordReach.set(node, known)
  }
  const cached = known.get(keyword)
  if (cached !== undefined) return cached
  // Every node reachable from this one, each once: schemas refer to themselves ($defs that nest).
  const seen = new Set<SchemaNode>()
  const pending: SchemaNode[] = [node]
  let found = false
  while (!found && pending.length > 0) {
    const schema = effective(root, pending.pop() as SchemaNode)
    if (seen.has(schema)) continue
    seen.add(schema)
    const value = schema[keyword]
    if (value !== undefined && value !== false) found = true
    for (const child of Object.values(schema.properties ?? {})) pending.push(child)
    if (typeof schema.additionalProperties === 'object') pending.push(schema.additionalProperties)
    if (schema.items) pending.push(schema.items)
    for (const alternative of [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) pending.push(alternative)
  }
  known.set(keyword, found)
  return found
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

/** Each node's alternatives, worked out once: a large configuration asks for the same few nodes at hundreds of references. */
const alternativesOf = oncePerNode((root, node): readonly SchemaNode[] => {
  const schema = effective(root, node)
  const alternatives = schema.oneOf ?? schema.anyOf
  return alternatives ? [schema, ...alternatives.flatMap((alternative) => alternativesOf(root, alternative))] : [schema]
})
