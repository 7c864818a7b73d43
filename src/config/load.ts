import {type Diagnostic, hasErrors, sortDiagnostics} from '../diagnostics/diagnostic.js'
import {compose} from './compose.js'
import type {ChatcfgConfig} from './generated/config.js'
import {toPointer} from './pointer.js'
import {configSchema, type SchemaVisit, walkSchema} from './schema.js'
import {readSources} from './source.js'
import {type ReferenceMark, type SubstitutedFile, type SubstitutionContext, substitute} from './substitute.js'
import {validateAgainstSchema} from './validate-schema.js'
import {type Locations, parseFile, type ValueLocation} from './yaml-tree.js'

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
  /** The values ${…} references produced, by pointer into the merged configuration. */
  readonly references: ReadonlyMap<string, ReferenceMark>
  readonly locations: Locations
  /**
   * What the schema check saw, for the rules that run after loading: every value with its schema node,
   * and the schema's own errors (rules do not trust what lies below one). Absent when loading stopped earlier.
   */
  readonly checked?: {readonly visits: readonly SchemaVisit[]; readonly schemaErrors: readonly Diagnostic[]}
}

function secretPointers(visits: readonly SchemaVisit[], references: ReadonlyMap<string, ReferenceMark>): Set<string> {
  const secrets = new Set<string>(references.keys())
  // An index, not an iterator: run once over every value, the loop stays unoptimised, where each step of an iterator allocates.
  for (let index = 0; index < visits.length; index++) {
    const visit = visits[index] as SchemaVisit
    if (visit.schema['x-chatcfg-secret']) secrets.add(toPointer(visit.path))
  }
  return secrets
}

/**
 * Reads, parses, merges and checks configuration files: YAML, references and the schema. The rules run
 * after it, as a stage of their own (src/rules). Never throws for bad input; every problem is a located diagnostic.
 */
export function loadConfig(paths: readonly string[], options: LoadOptions): LoadResult {
  const read = readSources(paths, options.cwd)
  const diagnostics: Diagnostic[] = [...read.diagnostics]
  const parsed: SubstitutedFile[] = []
  for (const file of read.files) {
    const result = parseFile(file)
    diagnostics.push(...result.diagnostics)
    if (!result.parsed) continue
    const substituted = substitute(result.parsed, options)
    diagnostics.push(...substituted.diagnostics)
    parsed.push(substituted.parsed)
  }
  const files = read.files.map((f) => f.path)
  const empty = {files, secrets: new Set<string>(), references: new Map<string, ReferenceMark>(), locations: new Map<string, ValueLocation>() as Locations}
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
  // One walk of the whole configuration serves both the secret list and the rules after it.
  const schema = configSchema()
  const references = new Map(locations.references())
  const unresolved = new Set([...references].filter(([, mark]) => mark.unresolved).map(([pointer]) => pointer))
  // A reference not read holds its own text: no rule can judge the value it will give.
  const allVisits = walkSchema(schema, schema, value)
  // Only a value that still holds a reference's text can be one left unread.
  const unread = (visit: SchemaVisit) => typeof visit.value === 'string' && visit.value.includes('${') && unresolved.has(toPointer(visit.path))
  const visits = unresolved.size === 0 ? allVisits : allVisits.filter((visit) => !unread(visit))
  const secrets = secretPointers(visits, references)
  const schemaErrors = validateAgainstSchema(value, locations, (pointer) => secrets.has(pointer))
  diagnostics.push(...schemaErrors)
  const sorted = sortDiagnostics(diagnostics)
  const config = hasErrors(sorted) ? undefined : (value as unknown as ChatcfgConfig)
  return {config, merged: value, diagnostics: sorted, files, secrets, references, locations, checked: {visits, schemaErrors}}
}
