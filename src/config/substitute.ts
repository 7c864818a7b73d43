import {realpathSync} from 'node:fs'
import {resolve} from 'node:path'
import type {Diagnostic} from '../diagnostics/diagnostic.js'
import {readBounded} from './bounded-read.js'
import {MAX_REFERENCED_FILE_BYTES} from './limits.js'
import {isPlainObject, type Segment, toPointer} from './pointer.js'
import {isWithin} from './source.js'
import {type Locations, NodeLocation, type ParsedFile} from './yaml-tree.js'

/** What substitution may read. Tests pass their own environment. */
export interface SubstitutionContext {
  readonly env: Readonly<Record<string, string | undefined>>
}

const REFERENCE = /\$\$\{|\$\{([^}]*)\}|\$\{/g
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

type Resolution = {text: string; reference: 'env' | 'file'} | {problem: Diagnostic['code']; message: string}

function readReferencedFile(folder: string, relativePath: string, encoding: 'utf8' | 'base64'): Resolution {
  if (relativePath === '') return {problem: 'config/file-reference', message: 'file reference names no file'}
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

function resolveReference(body: string, folder: string, context: SubstitutionContext): Resolution {
  const colon = body.indexOf(':')
  const kind = colon < 0 ? body : body.slice(0, colon)
  const argument = colon < 0 ? '' : body.slice(colon + 1)
  switch (kind) {
    case 'env': {
      if (!ENV_NAME.test(argument)) return {problem: 'config/bad-substitution', message: `"\${${body}}" does not name an environment variable`}
      const value = context.env[argument]
      if (value === undefined) return {problem: 'config/missing-env', message: `environment variable ${argument} is not set`}
      return {text: value, reference: 'env'}
    }
    case 'file':
      return readReferencedFile(folder, argument, 'utf8')
    case 'filebase64':
      return readReferencedFile(folder, argument, 'base64')
    default:
      return {problem: 'config/bad-substitution', message: `unknown reference kind "${kind}"; use \${env:NAME}, \${file:path} or \${filebase64:path}`}
  }
}

/**
 * Replaces ${env:NAME}, ${file:path} and ${filebase64:path} in string values ($${ writes a literal ${).
 * A value produced by a reference is marked in `locations`, so it stays secret all the way to output.
 */
export function substitute(parsed: ParsedFile, context: SubstitutionContext): {parsed: ParsedFile; diagnostics: Diagnostic[]} {
  const diagnostics: Diagnostic[] = []
  const locations: Locations = new Map(parsed.locations)

  const visit = (value: unknown, path: Segment[]): unknown => {
    if (Array.isArray(value)) return value.map((item, index) => visit(item, [...path, index]))
    if (isPlainObject(value)) {
      const result: Record<string, unknown> = {}
      for (const [key, item] of Object.entries(value)) {
        Object.defineProperty(result, key, {value: visit(item, [...path, key]), enumerable: true, writable: true, configurable: true})
      }
      return result
    }
    if (typeof value !== 'string' || !value.includes('${')) return value
    const pointer = toPointer(path)
    const location = locations.get(pointer)
    let reference: 'env' | 'file' | undefined
    let failed = false
    const text = value.replace(REFERENCE, (match: string, body: string | undefined) => {
      if (match === '$${') return '${'
      if (body === undefined) {
        failed = true
        diagnostics.push({
          severity: 'error',
          code: 'config/bad-substitution',
          message: 'unterminated "${"; write $${ for a literal ${',
          path: pointer,
          source: location?.value,
        })
        return match
      }
      const resolution = resolveReference(body, parsed.file.folder, context)
      if ('problem' in resolution) {
        failed = true
        diagnostics.push({severity: 'error', code: resolution.problem, message: resolution.message, path: pointer, source: location?.value})
        return match
      }
      reference = reference === 'file' ? 'file' : resolution.reference
      return resolution.text
    })
    // A failed reference still marks the value, so it is never mistaken for a secret written in clear.
    if ((reference || failed) && location) {
      const kind = reference ?? 'env'
      locations.set(
        pointer,
        location instanceof NodeLocation
          ? location.withReference(kind)
          : {value: location.value, ...(location.key ? {key: location.key} : {}), reference: kind},
      )
    }
    return failed ? value : text
  }

  const value = visit(parsed.value, [])
  return {parsed: {file: parsed.file, value, locations}, diagnostics}
}
