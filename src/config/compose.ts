import type {Diagnostic, SourceRange} from '../diagnostics/diagnostic.js'
import {fromPointer, isPlainObject, toPointer} from './pointer.js'
import type {Locations, ParsedFile, ValueLocation} from './yaml-tree.js'

/** The whole configuration, merged from every file, with the location of every value. */
export interface ComposedConfig {
  readonly value: Record<string, unknown>
  readonly locations: Locations
}

/** Top-level maps that several files contribute to, key by key. */
const MERGED_MAPS = ['templates', 'apps', 'policies'] as const
/** Top-level values that only one file may set (or several, identically). */
const SINGLE_VALUES = ['version', 'provider'] as const

function at(range: SourceRange | undefined): string {
  return range ? `${range.file}:${range.start.line}:${range.start.column}` : 'another file'
}

/** The top two segments of a pointer (`/apps/support`), which say which merged entry it belongs to. */
function entryOf(pointer: string): string {
  const second = pointer.indexOf('/', 1)
  if (second < 0) return pointer
  const third = pointer.indexOf('/', second + 1)
  return third < 0 ? pointer : pointer.slice(0, third)
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {value, enumerable: true, writable: true, configurable: true})
}

/** Merges the files' top-level maps. A key defined in two files is an error pointing at both. */
function mergeFiles(files: readonly ParsedFile[], diagnostics: Diagnostic[]): ComposedConfig {
  const value: Record<string, unknown> = {}
  const locations: Locations = new Map()
  for (const {file, value: root, locations: fileLocations} of files) {
    if (!isPlainObject(root)) {
      diagnostics.push({
        severity: 'error',
        code: 'config/wrong-type',
        message: 'the top level of a configuration file must be a map (version, apps, policies, …)',
        source: fileLocations.get('')?.value,
      })
      continue
    }
    if (!locations.has(''))
      locations.set('', fileLocations.get('') ?? {value: {file: file.path, start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1, offset: 0}}})
    // What this file contributes (whole top-level values, or entries of merged maps); their locations are copied in one pass.
    const accepted = new Set<string>()
    for (const [key, item] of Object.entries(root)) {
      const pointer = toPointer([key])
      const merged = (MERGED_MAPS as readonly string[]).includes(key)
      if (merged && isPlainObject(item) && (value[key] === undefined || isPlainObject(value[key]))) {
        const into = (value[key] as Record<string, unknown> | undefined) ?? {}
        if (value[key] === undefined) {
          setOwn(value, key, into)
          const location = fileLocations.get(pointer)
          if (location) locations.set(pointer, location)
        }
        for (const [name, entry] of Object.entries(item)) {
          const entryPointer = toPointer([key, name])
          if (Object.hasOwn(into, name)) {
            diagnostics.push({
              severity: 'error',
              code: 'config/duplicate-key',
              message: `${key}.${name} is already defined at ${at(locations.get(entryPointer)?.key)}`,
              path: entryPointer,
              source: fileLocations.get(entryPointer)?.key,
            })
            continue
          }
          setOwn(into, name, entry)
          accepted.add(entryPointer)
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
          source: fileLocations.get(pointer)?.key,
        })
        continue
      }
      setOwn(value, key, item)
      accepted.add(pointer)
    }
    for (const [pointer, location] of fileLocations) {
      if (pointer !== '' && (accepted.has(entryOf(pointer)) || accepted.has(entryOf(pointer).replace(/^(\/[^/]*).*$/, '$1')))) locations.set(pointer, location)
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
  // Each template's locations, gathered once: apps copy them by template, not by scanning everything.
  const templateLocations = new Map<string, Array<[string, ValueLocation]>>()
  for (const [pointer, location] of config.locations) {
    if (!pointer.startsWith('/templates/')) continue
    const prefix = entryOf(pointer)
    templateLocations.set(prefix, [...(templateLocations.get(prefix) ?? []), [pointer.slice(prefix.length), location]])
  }
  if (isPlainObject(apps)) {
    for (const [appKey, app] of Object.entries(apps)) {
      if (!isPlainObject(app) || app.extends === undefined) continue
      const names = templateNames(app.extends)
      if (!names) continue // the schema reports a malformed extends
      const appPointer = toPointer(['apps', appKey])
      let merged: unknown = {}
      const inherited: Locations = new Map()
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
        for (const [suffix, location] of templateLocations.get(toPointer(['templates', name])) ?? []) inherited.set(appPointer + suffix, location)
      })
      setOwn(apps, appKey, deepMerge(merged, app))
      // The app's own locations win over inherited ones; inherited ones fill the rest.
      for (const [pointer, location] of inherited) {
        if (pointer !== appPointer && !config.locations.has(pointer)) config.locations.set(pointer, location)
      }
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
export function compose(files: readonly ParsedFile[]): {config: ComposedConfig; diagnostics: Diagnostic[]} {
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
