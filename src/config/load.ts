import {type Diagnostic, hasErrors, sortDiagnostics} from '../diagnostics/diagnostic.js'
import {OFFLINE_RULES} from '../rules/index.js'
import type {RuleContext} from '../rules/rule.js'
import {compose, locate} from './compose.js'
import type {App, ChatcfgConfig, Policy} from './generated/config.js'
import {isPlainObject, type Segment, toPointer} from './pointer.js'
import {configSchema, type SchemaVisit, walkSchema} from './schema.js'
import {readSources} from './source.js'
import {type SubstitutionContext, substitute} from './substitute.js'
import {validateAgainstSchema} from './validate-schema.js'
import {type Locations, type ParsedFile, parseFile} from './yaml-tree.js'

export interface LoadOptions extends SubstitutionContext {
  /** Folder that relative paths are resolved against and shown relative to. */
  readonly cwd: string
}

/** The outcome of loading: the configuration when it is valid, and every problem found either way. */
export interface LoadResult {
  /** Present only when there are no errors (warnings allowed). */
  readonly config?: ChatcfgConfig
  /** The merged configuration even when it has errors; trust a part of it only where no diagnostic points. */
  readonly merged?: Readonly<Record<string, unknown>>
  readonly diagnostics: readonly Diagnostic[]
  /** The files read, as shown to the user. */
  readonly files: readonly string[]
  /** JSON pointers of values that must never be shown: secret properties and ${…} references. */
  readonly secrets: ReadonlySet<string>
  readonly locations: Locations
}

function secretPointers(visits: readonly SchemaVisit[], locations: Locations): Set<string> {
  const secrets = new Set<string>()
  for (const [pointer, location] of locations) if (location.reference) secrets.add(pointer)
  for (const visit of visits) if (visit.schema['x-chatcfg-secret']) secrets.add(toPointer(visit.path))
  return secrets
}

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

function runRules(
  value: Record<string, unknown>,
  allVisits: readonly SchemaVisit[],
  schemaErrors: readonly Diagnostic[],
  locations: Locations,
  secrets: ReadonlySet<string>,
): Diagnostic[] {
  const schema = configSchema()
  // A key missing at the top (version) says nothing about the values below it.
  const failed = schemaErrors.filter((d) => !(d.path === '' && d.code === 'config/missing-key')).map((d) => d.path ?? '')
  if (failed.includes('')) return []
  const under = (pointer: string, prefix: string) => pointer === prefix || pointer.startsWith(`${prefix}/`)
  // Values below a schema error cannot be trusted; templates are checked through the apps that extend them.
  const visits = allVisits.filter(({path}) => {
    if (path[0] === 'templates') return false
    const pointer = toPointer(path)
    return !failed.some((prefix) => under(pointer, prefix))
  })
  const context: RuleContext = {
    config: value as unknown as ChatcfgConfig,
    schema,
    apps: trusted<App>(value.apps, 'apps', failed),
    policies: trusted<Policy>(value.policies, 'policies', failed),
    visits,
    isSecret: (path: readonly Segment[]) => secrets.has(toPointer(path)),
    isReference: (path: readonly Segment[]) => locations.get(toPointer(path))?.reference !== undefined,
  }
  const diagnostics: Diagnostic[] = []
  for (const rule of OFFLINE_RULES) {
    for (const finding of rule(context)) {
      const pointer = toPointer(finding.path)
      const location = locate(locations, pointer)
      const source = finding.at === 'key' ? (location.key ?? location.value) : (location.value ?? location.key)
      diagnostics.push({severity: finding.severity ?? 'error', code: finding.code, message: finding.message, path: pointer, source})
    }
  }
  return diagnostics
}

/**
 * Reads, parses, merges and checks configuration files: YAML, references, the schema, and every rule
 * that needs no live state. Never throws for bad input; every problem is a located diagnostic.
 */
export function loadConfig(paths: readonly string[], options: LoadOptions): LoadResult {
  const read = readSources(paths, options.cwd)
  const diagnostics: Diagnostic[] = [...read.diagnostics]
  const parsed: ParsedFile[] = []
  for (const file of read.files) {
    const result = parseFile(file)
    diagnostics.push(...result.diagnostics)
    if (!result.parsed) continue
    const substituted = substitute(result.parsed, options)
    diagnostics.push(...substituted.diagnostics)
    parsed.push(substituted.parsed)
  }
  const files = read.files.map((f) => f.path)
  const empty = {files, secrets: new Set<string>(), locations: new Map() as Locations}
  if (read.files.length === 0 && diagnostics.length === 0) {
    diagnostics.push({severity: 'error', code: 'config/no-input', message: 'no configuration files given'})
  }
  if (parsed.length < read.files.length || read.diagnostics.length > 0 || parsed.length === 0) {
    return {...empty, diagnostics: sortDiagnostics(diagnostics)}
  }
  const composed = compose(parsed)
  diagnostics.push(...composed.diagnostics)
  if (composed.diagnostics.some((d) => d.code === 'config/wrong-type')) return {...empty, diagnostics: sortDiagnostics(diagnostics)}
  const {value, locations} = composed.config
  // One walk of the whole configuration serves both the secret list and the rules.
  const schema = configSchema()
  const visits = [...walkSchema(schema, schema, value)]
  const secrets = secretPointers(visits, locations)
  const schemaErrors = validateAgainstSchema(value, locations, (pointer) => secrets.has(pointer))
  diagnostics.push(...schemaErrors)
  diagnostics.push(...runRules(value, visits, schemaErrors, locations, secrets))
  const sorted = sortDiagnostics(diagnostics)
  return {config: hasErrors(sorted) ? undefined : (value as unknown as ChatcfgConfig), merged: value, diagnostics: sorted, files, secrets, locations}
}
