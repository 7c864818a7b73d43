import {realpathSync} from 'node:fs'
import {resolve} from 'node:path'
import type {Diagnostic} from '../diagnostics/diagnostic.js'
import {readBounded} from './bounded-read.js'
import {MAX_REFERENCED_FILE_BYTES} from './limits.js'
import {isPlainObject, type Segment, toPointer} from './pointer.js'
import {configSchema, typesAt} from './schema.js'
import {isWithin} from './source.js'
import type {ParsedFile} from './yaml-tree.js'

/** What substitution may read. Tests pass their own environment. */
export interface SubstitutionContext {
  readonly env: Readonly<Record<string, string | undefined>>
  /**
   * `resolve` (the default) reads every reference, as planning needs; `check` only checks each one's
   * form and leaves it unread, so a configuration validates without its secrets (a pull request from a fork).
   */
  readonly references?: 'resolve' | 'check'
}

const REFERENCE = /\$\$\{|\$\{([^}]*)\}|\$\{/g
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

type ReferenceKind = 'env' | 'file'
type Problem = {problem: Diagnostic['code']; message: string}
type Resolution = {text: string; reference: ReferenceKind} | Problem
/** A reference whose form is right; `read` gives its value. */
type Checked = {reference: ReferenceKind; read: () => Resolution} | Problem

function readReferencedFile(folder: string, relativePath: string, encoding: 'utf8' | 'base64'): Resolution {
  const target = resolve(folder, relativePath)
  let real: string
  try {
    real = realpathSync(target)
  } catch {
    return {problem: 'config/file-reference', message: `referenced file "${relativePath}" does not exist`}
  }
  // The real path defeats both ../ and symbolic links that point outside the folder.
  if (!isWithin(folder, real)) {
    return {problem: 'config/file-reference', message: `referenced file "${relativePath}" is outside the configuration's folder`}
  }
  const read = readBounded(real, MAX_REFERENCED_FILE_BYTES)
  if ('refused' in read) {
    switch (read.refused) {
      case 'not-a-file':
        return {problem: 'config/file-reference', message: `referenced path "${relativePath}" is not a file`}
      case 'too-large':
        return {problem: 'config/file-reference', message: `referenced file "${relativePath}" is larger than ${MAX_REFERENCED_FILE_BYTES} bytes`}
      case 'unreadable':
        return {problem: 'config/file-reference', message: `referenced file "${relativePath}" cannot be read`}
    }
  }
  if (encoding === 'base64') return {text: read.bytes.toString('base64'), reference: 'file'}
  try {
    return {text: new TextDecoder('utf-8', {fatal: true}).decode(read.bytes), reference: 'file'}
  } catch {
    return {problem: 'config/file-reference', message: `referenced file "${relativePath}" is binary; use \${filebase64:${relativePath}}`}
  }
}

/** Reads each referenced file once per configuration file: 300 apps naming the same certificate read it once. */
type FileReader = (folder: string, relativePath: string, encoding: 'utf8' | 'base64') => Resolution

function cachedFileReader(): FileReader {
  const read = new Map<string, Resolution>()
  return (folder, relativePath, encoding) => {
    const key = `${encoding}\0${folder}\0${relativePath}`
    const cached = read.get(key) ?? readReferencedFile(folder, relativePath, encoding)
    read.set(key, cached)
    return cached
  }
}

function checkReference(body: string, folder: string, context: SubstitutionContext, readFile: FileReader): Checked {
  const colon = body.indexOf(':')
  const kind = colon < 0 ? body : body.slice(0, colon)
  const argument = colon < 0 ? '' : body.slice(colon + 1)
  switch (kind) {
    case 'env': {
      if (!ENV_NAME.test(argument)) return {problem: 'config/bad-substitution', message: `"\${${body}}" does not name an environment variable`}
      const read = (): Resolution => {
        const value = context.env[argument]
        return value === undefined ? {problem: 'config/missing-env', message: `environment variable ${argument} is not set`} : {text: value, reference: 'env'}
      }
      return {reference: 'env', read}
    }
    case 'file':
    case 'filebase64': {
      if (argument === '') return {problem: 'config/file-reference', message: 'file reference names no file'}
      // Checked on the path as written here; reading checks the real path again, so links cannot leave the folder either.
      if (!isWithin(folder, resolve(folder, argument)))
        return {problem: 'config/file-reference', message: `referenced file "${argument}" is outside the configuration's folder`}
      return {reference: 'file', read: () => readFile(folder, argument, kind === 'file' ? 'utf8' : 'base64')}
    }
    default:
      return {problem: 'config/bad-substitution', message: `unknown reference kind "${kind}"; use \${env:NAME}, \${file:path} or \${filebase64:path}`}
  }
}

const WHOLE_REFERENCE = /^\$\{[^}]*\}$/

/** A scalar with no `${` in it: most values, passed over without a visit of their own. */
function holdsNoReference(value: unknown): boolean {
  return typeof value === 'string' ? !value.includes('${') : value === null || typeof value !== 'object'
}
const INTEGER = /^[+-]?\d+$/
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/**
 * A value that is one whole reference takes the type the schema expects where it stands: a reference
 * always reads text, so `sdkAppId: ${env:APP_ID}` is parsed as an integer. Text stays text wherever the
 * schema allows a string. Returns the problem when the text does not parse.
 */
function typed(text: string, types: ReadonlySet<string>, written: string): {value: unknown} | Problem {
  if (types.size === 0 || types.has('string')) return {value: text}
  const trimmed = text.trim()
  if (types.has('integer') && INTEGER.test(trimmed)) return {value: Number(trimmed)}
  if (types.has('number') && NUMBER.test(trimmed)) return {value: Number(trimmed)}
  if (types.has('boolean') && (trimmed === 'true' || trimmed === 'false')) return {value: trimmed === 'true'}
  const wanted = ['integer', 'number', 'boolean'].filter((type) => types.has(type))
  if (wanted.length === 0) return {value: text}
  const words: Record<string, string> = {integer: 'an integer', number: 'a number', boolean: 'true or false'}
  return {problem: 'config/reference-type', message: `${written} does not give ${wanted.map((type) => words[type]).join(' or ')}, which this setting needs`}
}

/** A value produced by a ${env:…} or ${file:…} reference: such values are secret. */
export interface ReferenceMark {
  readonly reference: ReferenceKind
  /** The value is the reference as written, not what it gives: checked for form only (validate without secrets), or failed. */
  readonly unresolved?: boolean
}

/** A parsed file after substitution, with the values that references produced, by pointer into the file. */
export interface SubstitutedFile extends ParsedFile {
  readonly references: ReadonlyMap<string, ReferenceMark>
}

/**
 * Replaces ${env:NAME}, ${file:path} and ${filebase64:path} in string values ($${ writes a literal ${).
 * A value produced by a reference is marked in `references`, so it stays secret all the way to output.
 */
export function substitute(parsed: ParsedFile, context: SubstitutionContext): {parsed: SubstitutedFile; diagnostics: Diagnostic[]} {
  const diagnostics: Diagnostic[] = []
  const references = new Map<string, ReferenceMark>()
  // With no `${` written, and no escape that could write one, no value holds a reference: nothing to walk.
  if (!parsed.file.text.includes('${') && !parsed.file.text.includes('\\')) return {parsed: {...parsed, references}, diagnostics}
  const resolving = context.references !== 'check'
  const readFile = cachedFileReader()

  // One path, pushed and popped as the walk goes: a value's pointer is built only when it holds a reference.
  const path: Segment[] = []
  const below = (item: unknown, segment: Segment): unknown => {
    path.push(segment)
    const result = visit(item)
    path.pop()
    return result
  }
  // A list or map is copied only when a reference below it changed a value; the rest is shared, unchanged.
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined
      for (let index = 0; index < value.length; index++) {
        const item = value[index]
        if (holdsNoReference(item)) continue
        const result = below(item, index)
        if (result === item) continue
        copy ??= [...value]
        copy[index] = result
      }
      return copy ?? value
    }
    if (isPlainObject(value)) {
      let copy: Record<string, unknown> | undefined
      for (const key of Object.keys(value)) {
        const item = value[key]
        if (holdsNoReference(item)) continue
        const result = below(item, key)
        if (result === item) continue
        copy ??= Object.defineProperties({}, Object.getOwnPropertyDescriptors(value))
        Object.defineProperty(copy, key, {value: result, enumerable: true, writable: true, configurable: true})
      }
      return copy ?? value
    }
    if (typeof value !== 'string' || !value.includes('${')) return value
    const pointer = toPointer(path)
    const problem = (code: Diagnostic['code'], message: string) => {
      diagnostics.push({severity: 'error', code, message, path: pointer, source: parsed.positions.at(pointer)?.value})
    }
    let reference: ReferenceKind | undefined
    let failed = false
    const text = value.replace(REFERENCE, (match: string, body: string | undefined) => {
      if (match === '$${') return '${'
      if (body === undefined) {
        failed = true
        problem('config/bad-substitution', 'unterminated "${"; write $${ for a literal ${')
        return match
      }
      const checked = checkReference(body, parsed.file.folder, context, readFile)
      const resolution = 'problem' in checked || !resolving ? checked : checked.read()
      if ('problem' in resolution) {
        failed = true
        problem(resolution.problem, resolution.message)
        return match
      }
      reference = reference === 'file' ? 'file' : resolution.reference
      return 'text' in resolution ? resolution.text : match
    })
    let result: unknown = failed || (reference && !resolving) ? value : text
    if (reference && !failed && resolving && WHOLE_REFERENCE.test(value)) {
      const converted = typed(text, typesAt(configSchema(), path), value)
      if ('problem' in converted) {
        failed = true
        problem(converted.problem, converted.message)
        result = value
      } else result = converted.value
    }
    // A failed reference still marks the value, so it is never mistaken for a secret written in clear.
    if (reference || failed) {
      // The value holds the reference as written, not what it gives: left unread, or failed.
      const unresolved = failed || !resolving
      references.set(pointer, {reference: reference ?? 'env', ...(unresolved ? {unresolved} : {})})
    }
    return result
  }

  const value = visit(parsed.value)
  return {parsed: {file: parsed.file, value, positions: parsed.positions, references}, diagnostics}
}
