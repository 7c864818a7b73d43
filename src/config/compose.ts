import type {Diagnostic, SourceRange} from '../diagnostics/diagnostic.js'
import {entryOf, fromPointer, isPlainObject, toPointer, topOf} from './pointer.js'
import {rangeAt} from './source.js'
import type {ReferenceMark, SubstitutedFile} from './substitute.js'
import type {Locations, ValueLocation} from './yaml-tree.js'

/** The whole configuration, merged from every file, with the location of every value. */
export interface ComposedConfig {
  readonly value: Record<string, unknown>
  readonly locations: ComposedLocations
}

/** Top-level maps that several files contribute to, key by key. */
const MERGED_MAPS = ['templates', 'apps', 'policies'] as const
/** Top-level values that only one file may set (or several, identically). */
const SINGLE_VALUES = ['version', 'provider'] as const

function at(range: SourceRange | undefined): string {
  return range ? `${range.file}:${range.start.line}:${range.start.column}` : 'another file'
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {value, enumerable: true, writable: true, configurable: true})
}

/** A value's location in the file it came from, worked out when a message asks for it. */
class FileValueLocation implements ValueLocation {
  readonly reference?: 'env' | 'file'
  readonly unresolved?: boolean

  constructor(
    private readonly file: SubstitutedFile,
    private readonly pointer: string,
  ) {
    const mark = file.references.get(pointer)
    if (mark) {
      this.reference = mark.reference
      if (mark.unresolved) this.unresolved = true
    }
  }

  get value(): SourceRange {
    return this.file.positions.at(this.pointer)?.value ?? rangeAt(this.file.file, 0)
  }

  get key(): SourceRange | undefined {
    return this.file.positions.at(this.pointer)?.key
  }
}

/**
 * Where each value of the merged configuration came from: the file that contributed it, and the pointer
 * it has there (a template's, for what an app inherits). Nothing is copied per value; a location is found
 * when asked for, and its line and column only when a message shows them.
 */
export class ComposedLocations implements Locations {
  /** The file whose top level gives the configuration's root location. */
  root?: SubstitutedFile
  /** The file that set each top-level value, or that first held a merged map (`/apps`). */
  readonly tops = new Map<string, SubstitutedFile>()
  /** Top-level maps merged entry by entry across files. */
  readonly merged = new Set<string>()
  /** The file that defined each entry of a merged map (`/apps/support`). */
  readonly entries = new Map<string, SubstitutedFile>()
  /** For each app extending templates, the templates merged into it, in order (`/templates/base`). */
  readonly inherits = new Map<string, string[]>()

  constructor(private readonly files: readonly SubstitutedFile[]) {}

  /** The file and the pointer in it that a pointer of the merged configuration comes from. */
  private resolve(pointer: string): {file: SubstitutedFile; pointer: string} | undefined {
    if (pointer === '') return this.root ? {file: this.root, pointer} : undefined
    const top = topOf(pointer)
    if (!this.merged.has(top) || pointer === top) {
      const file = this.tops.get(top)
      return file?.positions.has(pointer) ? {file, pointer} : undefined
    }
    const entry = entryOf(pointer)
    const own = this.entries.get(entry)
    if (own?.positions.has(pointer)) return {file: own, pointer}
    // What an app does not set itself it inherits: the last template that sets it wins, as in the merge.
    const templates = pointer === entry ? undefined : this.inherits.get(entry)
    for (const template of [...(templates ?? [])].reverse()) {
      const file = this.entries.get(template)
      const inherited = template + pointer.slice(entry.length)
      if (file?.positions.has(inherited)) return {file, pointer: inherited}
    }
    return undefined
  }

  get(pointer: string): ValueLocation | undefined {
    const found = this.resolve(pointer)
    return found && new FileValueLocation(found.file, found.pointer)
  }

  /** Every pointer of the merged configuration whose value a reference produced, with its mark. */
  *references(): Generator<[string, ReferenceMark]> {
    const extendedBy = new Map<string, string[]>()
    for (const [app, templates] of this.inherits) for (const template of templates) extendedBy.set(template, [...(extendedBy.get(template) ?? []), app])
    for (const file of this.files) {
      for (const [pointer, mark] of file.references) {
        const candidates = [pointer]
        const entry = entryOf(pointer)
        if (pointer !== entry) for (const app of extendedBy.get(entry) ?? []) candidates.push(app + pointer.slice(entry.length))
        for (const candidate of candidates) {
          const found = this.resolve(candidate)
          if (found?.file === file && found.pointer === pointer) yield [candidate, mark]
        }
      }
    }
  }
}

/** Merges the files' top-level maps. A key defined in two files is an error pointing at both. */
function mergeFiles(files: readonly SubstitutedFile[], diagnostics: Diagnostic[]): ComposedConfig {
  const value: Record<string, unknown> = {}
  const locations = new ComposedLocations(files)
  for (const file of files) {
    const {value: root, positions} = file
    if (!isPlainObject(root)) {
      diagnostics.push({
        severity: 'error',
        code: 'config/wrong-type',
        message: 'the top level of a configuration file must be a map (version, apps, policies, …)',
        source: positions.at('')?.value,
      })
      continue
    }
    locations.root ??= file
    for (const [key, item] of Object.entries(root)) {
      const pointer = toPointer([key])
      const merged = (MERGED_MAPS as readonly string[]).includes(key)
      if (merged && isPlainObject(item) && (value[key] === undefined || isPlainObject(value[key]))) {
        const into = (value[key] as Record<string, unknown> | undefined) ?? {}
        if (value[key] === undefined) {
          setOwn(value, key, into)
          locations.tops.set(pointer, file)
          locations.merged.add(pointer)
        }
        for (const [name, entry] of Object.entries(item)) {
          const entryPointer = toPointer([key, name])
          if (Object.hasOwn(into, name)) {
            diagnostics.push({
              severity: 'error',
              code: 'config/duplicate-key',
              message: `${key}.${name} is already defined at ${at(locations.get(entryPointer)?.key)}`,
              path: entryPointer,
              source: positions.at(entryPointer)?.key,
            })
            continue
          }
          setOwn(into, name, entry)
          locations.entries.set(entryPointer, file)
        }
        continue
      }
      if (Object.hasOwn(value, key)) {
        const same = (SINGLE_VALUES as readonly string[]).includes(key) && JSON.stringify(value[key]) === JSON.stringify(item)
        if (same) continue
        diagnostics.push({
          severity: 'error',
          code: key === 'provider' || key === 'version' ? 'config/provider-conflict' : 'config/duplicate-key',
          message: `${key} is already set at ${at(locations.get(pointer)?.key)}; set it in one file only`,
          path: pointer,
          source: positions.at(pointer)?.key,
        })
        continue
      }
      setOwn(value, key, item)
      locations.tops.set(pointer, file)
    }
  }
  return {value, locations}
}

/** Maps merge key by key with `over` winning; anything else in `over` replaces `base` whole. */
function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over
  const result: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(base)) setOwn(result, key, item)
  for (const [key, item] of Object.entries(over)) setOwn(result, key, Object.hasOwn(base, key) ? deepMerge(base[key], item) : item)
  return result
}

function templateNames(extendsValue: unknown): string[] | undefined {
  if (typeof extendsValue === 'string') return [extendsValue]
  if (Array.isArray(extendsValue) && extendsValue.every((item) => typeof item === 'string')) return extendsValue as string[]
  return undefined
}

/**
 * Expands `extends`: each app receives its templates' settings, merged in order, under its own.
 * Inherited values keep their template's location, so a problem in a template is reported there.
 */
function expandTemplates(config: ComposedConfig, diagnostics: Diagnostic[]): ComposedConfig {
  const templates = isPlainObject(config.value.templates) ? config.value.templates : {}
  const apps = config.value.apps
  const used = new Set<string>()
  if (isPlainObject(apps)) {
    for (const [appKey, app] of Object.entries(apps)) {
      if (!isPlainObject(app) || app.extends === undefined) continue
      const names = templateNames(app.extends)
      if (!names) continue // the schema reports a malformed extends
      const appPointer = toPointer(['apps', appKey])
      let merged: unknown = {}
      const inherited: string[] = []
      names.forEach((name, index) => {
        const template = templates[name]
        if (Object.hasOwn(templates, name) && !isPlainObject(template)) {
          used.add(name) // the schema reports the malformed template itself
          return
        }
        if (!Object.hasOwn(templates, name)) {
          const where = typeof app.extends === 'string' ? toPointer(['apps', appKey, 'extends']) : toPointer(['apps', appKey, 'extends', index])
          diagnostics.push({
            severity: 'error',
            code: 'config/unknown-reference',
            message: `template "${name}" is not defined under templates`,
            path: where,
            source: config.locations.get(where)?.value,
          })
          return
        }
        used.add(name)
        merged = deepMerge(merged, template)
        inherited.push(toPointer(['templates', name]))
      })
      setOwn(apps, appKey, deepMerge(merged, app))
      // Inherited values keep their template's location; the app's own locations win over them.
      if (inherited.length > 0) config.locations.inherits.set(appPointer, inherited)
    }
  }
  for (const name of Object.keys(templates)) {
    if (used.has(name)) continue
    const pointer = toPointer(['templates', name])
    diagnostics.push({
      severity: 'warning',
      code: 'config/unused-template',
      message: `template "${name}" is not extended by any app`,
      path: pointer,
      source: config.locations.get(pointer)?.key,
    })
  }
  return config
}

/** Merges several parsed files into one configuration and expands templates. */
export function compose(files: readonly SubstitutedFile[]): {config: ComposedConfig; diagnostics: Diagnostic[]} {
  const diagnostics: Diagnostic[] = []
  const merged = mergeFiles(files, diagnostics)
  return {config: expandTemplates(merged, diagnostics), diagnostics}
}

/** The location of the value at `pointer`, or of its nearest ancestor that has one. */
export function locate(locations: Locations, pointer: string): {value?: SourceRange; key?: SourceRange} {
  const segments = fromPointer(pointer)
  for (let length = segments.length; length >= 0; length--) {
    const found = locations.get(toPointer(segments.slice(0, length)))
    if (found) return found
  }
  return {}
}
