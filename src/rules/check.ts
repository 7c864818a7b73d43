import {locate} from '../config/compose.js'
import type {App, ChatcfgConfig, Policy} from '../config/generated/config.js'
import type {LoadResult} from '../config/load.js'
import {isPlainObject, type Segment, toPointer} from '../config/pointer.js'
import {configSchema, type SchemaNode, type SchemaVisit} from '../config/schema.js'
import type {Diagnostic} from '../diagnostics/diagnostic.js'
import {OFFLINE_RULES} from './index.js'
import {INDEXED_KEYWORDS, type IndexedKeyword, type RuleContext} from './rule.js'

/** Apps and policies whose subtree passed the schema: the only ones rules may trust the types of. */
function trusted<T>(map: unknown, section: string, failed: readonly string[]): Array<readonly [string, T]> {
  if (!isPlainObject(map)) return []
  return Object.entries(map)
    .filter(([key]) => {
      const prefix = toPointer([section, key])
      return !failed.some((pointer) => pointer === prefix || pointer.startsWith(`${prefix}/`))
    })
    .map(([key, item]) => [key, item as T] as const)
}

/**
 * Finds visits by schema keyword: each distinct schema node is asked once which keywords it sets, and each
 * visit is listed under those, so a rule about one keyword reads its few values rather than every value.
 */
function keywordIndex(visits: readonly SchemaVisit[]): RuleContext['visitsWith'] {
  const keywordsOf = new Map<SchemaNode, IndexedKeyword[]>()
  const positions = new Map<IndexedKeyword, number[]>(INDEXED_KEYWORDS.map((keyword) => [keyword, []]))
  for (let index = 0; index < visits.length; index++) {
    const {schema} = visits[index] as SchemaVisit
    let keywords = keywordsOf.get(schema)
    if (!keywords) {
      keywords = INDEXED_KEYWORDS.filter((keyword) => schema[keyword] !== undefined)
      keywordsOf.set(schema, keywords)
    }
    for (const keyword of keywords) positions.get(keyword)?.push(index)
  }
  return (...keywords) => {
    // Each list is in visit order: merged, they stay in it, and a visit listed under two keywords is taken once.
    const lists = keywords.map((keyword) => positions.get(keyword) ?? [])
    const heads = lists.map(() => 0)
    const found: SchemaVisit[] = []
    for (;;) {
      let next = Number.POSITIVE_INFINITY
      for (let k = 0; k < lists.length; k++) {
        const at = (lists[k] as number[])[heads[k] as number]
        if (at !== undefined && at < next) next = at
      }
      if (next === Number.POSITIVE_INFINITY) return found
      found.push(visits[next] as SchemaVisit)
      for (let k = 0; k < lists.length; k++) if ((lists[k] as number[])[heads[k] as number] === next) heads[k] = (heads[k] as number) + 1
    }
  }
}

/**
 * Runs every rule that needs no live state over a loaded configuration and locates what they find.
 * Values below a schema error are not trusted, so nothing is reported twice; templates are checked
 * through the apps that extend them.
 */
export function checkOfflineRules(load: LoadResult): Diagnostic[] {
  if (!load.checked || !isPlainObject(load.merged)) return []
  const value = load.merged
  const {locations, secrets, references} = load
  const {visits: allVisits, schemaErrors} = load.checked
  const schema = configSchema()
  // A key missing at the top (version) says nothing about the values below it.
  const failed = schemaErrors.filter((d) => !(d.path === '' && d.code === 'config/missing-key')).map((d) => d.path ?? '')
  if (failed.includes('')) return []
  const under = (pointer: string, prefix: string) => pointer === prefix || pointer.startsWith(`${prefix}/`)
  // Values below a schema error cannot be trusted; templates are checked through the apps that extend them.
  // With no schema error and no templates there is nothing to leave out, and no copy of every visit to make.
  const visits =
    failed.length === 0 && !Object.hasOwn(value, 'templates')
      ? allVisits
      : allVisits.filter(({path}) => {
          if (path[0] === 'templates') return false
          if (failed.length === 0) return true // nothing to be below, so no pointer to build for every value
          const pointer = toPointer(path)
          return !failed.some((prefix) => under(pointer, prefix))
        })
  const context: RuleContext = {
    visitsWith: keywordIndex(visits),
    config: value as unknown as ChatcfgConfig,
    schema,
    apps: trusted<App>(value.apps, 'apps', failed),
    policies: trusted<Policy>(value.policies, 'policies', failed),
    visits,
    isSecret: (path: readonly Segment[]) => secrets.has(toPointer(path)),
    isReference: (path: readonly Segment[]) => references.has(toPointer(path)),
  }
  const diagnostics: Diagnostic[] = []
  for (const rule of OFFLINE_RULES) {
    for (const finding of rule(context)) {
      const pointer = toPointer(finding.path ?? [])
      const location = locate(locations, pointer)
      const source = finding.at === 'key' ? (location.key ?? location.value) : (location.value ?? location.key)
      diagnostics.push({severity: finding.severity ?? 'error', code: finding.code, message: finding.message, path: pointer, source})
    }
  }
  return diagnostics
}
