import {createRequire} from 'node:module'
import type {ErrorObject, ValidateFunction} from 'ajv/dist/2020.js'
import type {DiagnosticCode} from '../diagnostics/codes.js'
import type {Diagnostic, SourceRange} from '../diagnostics/diagnostic.js'
import {locate} from './compose.js'
import {fromPointer, isPlainObject, toPointer} from './pointer.js'
import type {SchemaNode} from './schema.js'
import {didYouMean} from './suggest.js'
import type {Locations} from './yaml-tree.js'

let compiled: ValidateFunction | undefined

/** The schema's validator, compiled ahead of time by scripts/generate.mjs: compiling at start-up would cost more than the rest of a validate run. */
function validator(): ValidateFunction {
  compiled ??= createRequire(import.meta.url)('./generated/validate-config.cjs') as ValidateFunction
  return compiled
}

function valueAt(root: unknown, pointer: string): unknown {
  let value = root
  for (const segment of fromPointer(pointer)) {
    if (Array.isArray(value)) value = value[Number(segment)]
    else if (isPlainObject(value) && Object.hasOwn(value, segment)) value = value[segment]
    else return undefined
  }
  return value
}

function typeName(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (isPlainObject(value)) return 'a map'
  if (Number.isInteger(value)) return 'an integer'
  return `a ${typeof value}`
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a map',
  array: 'a list',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
}

/** A schema description used inside a message: no capital at the start, no full stop at the end. */
function sentence(description: string): string {
  return (description.charAt(0).toLowerCase() + description.slice(1)).replace(/\.$/, '')
}

function expectedTypes(type: unknown): string {
  const types = Array.isArray(type) ? type : [type]
  return types.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ')
}

interface Context {
  readonly config: unknown
  readonly locations: Locations
  readonly isSecret: (pointer: string) => boolean
}

/** Shows a value in a message, unless it is secret. */
function shown(context: Context, pointer: string, value: unknown): string {
  return context.isSecret(pointer) ? '(secret value)' : JSON.stringify(value)
}

function describe(error: ErrorObject, context: Context): {code: DiagnosticCode; message: string; pointer: string; at: 'key' | 'value'} | undefined {
  const pointer = error.instancePath
  const value = valueAt(context.config, pointer)
  const parent = (error.parentSchema ?? {}) as SchemaNode & Record<string, unknown>
  const params = error.params as Record<string, unknown>
  if (error.propertyName !== undefined) {
    // A map key broke its naming rule (propertyNames); point at the key itself.
    const keyPointer = toPointer([...fromPointer(pointer), error.propertyName])
    const rule = parent.description
      ? sentence(parent.description)
      : typeof parent.pattern === 'string'
        ? `must match ${parent.pattern}`
        : (error.message ?? 'not allowed')
    const allowed = Array.isArray(parent.enum) ? `; allowed: ${parent.enum.join(', ')}${didYouMean(error.propertyName, parent.enum.map(String))}` : ''
    return {
      code: 'config/invalid-name',
      message: `invalid name "${error.propertyName}": ${allowed ? 'not a known name' : rule}${allowed}`,
      pointer: keyPointer,
      at: 'key',
    }
  }
  switch (error.keyword) {
    case 'propertyNames':
      return undefined // reported through the nested error that carries propertyName
    case 'if':
      return undefined // reported through the failing branch's own errors (a required key, say)
    case 'additionalProperties': {
      const name = String(params.additionalProperty)
      const known = Object.keys(parent.properties ?? {})
      return {
        code: 'config/unknown-key',
        message: `unknown key "${name}"${didYouMean(name, known)}`,
        pointer: toPointer([...fromPointer(pointer), name]),
        at: 'key',
      }
    }
    case 'required':
      return {code: 'config/missing-key', message: `missing required key "${String(params.missingProperty)}"`, pointer, at: 'key'}
    case 'type':
      return {code: 'config/wrong-type', message: `expected ${expectedTypes(params.type)}, found ${typeName(value)}`, pointer, at: 'value'}
    case 'const':
      if (pointer === '/version')
        return {code: 'config/version', message: `unsupported version ${shown(context, pointer, value)}; chatcfg reads version 1`, pointer, at: 'value'}
      return {code: 'config/invalid-value', message: `must be ${JSON.stringify(params.allowedValue)}`, pointer, at: 'value'}
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String)
      const hint = typeof value === 'string' ? didYouMean(value, allowed) : ''
      const list = allowed.length <= 8 ? `; allowed: ${allowed.join(', ')}` : ''
      return {code: 'config/invalid-value', message: `${shown(context, pointer, value)} is not allowed here${hint || list}`, pointer, at: 'value'}
    }
    case 'maxProperties': {
      const limit = Number(params.limit)
      const what = parent['x-chatcfg-limit'] ?? 'entries'
      const keys = isPlainObject(value) ? Object.keys(value) : []
      const first = keys[limit] === undefined ? pointer : toPointer([...fromPointer(pointer), keys[limit]])
      return {code: 'config/limit-exceeded', message: `${keys.length} ${what}; the service allows at most ${limit}`, pointer: first, at: 'key'}
    }
    case 'maxItems': {
      const limit = Number(params.limit)
      const count = Array.isArray(value) ? value.length : 0
      return {
        code: 'config/limit-exceeded',
        message: `${count} items; at most ${limit} are allowed`,
        pointer: toPointer([...fromPointer(pointer), limit]),
        at: 'value',
      }
    }
    case 'minItems':
    case 'minProperties':
      return {
        code: 'config/invalid-value',
        message: `must have at least ${String(params.limit)} ${error.keyword === 'minItems' ? 'item' : 'entry'}${Number(params.limit) === 1 ? '' : 's'}`,
        pointer,
        at: 'value',
      }
    case 'uniqueItems':
      return {
        code: 'config/invalid-value',
        message: `item ${String(params.i)} repeats item ${String(params.j)}`,
        pointer: toPointer([...fromPointer(pointer), Number(params.i)]),
        at: 'value',
      }
    case 'pattern': {
      const rule = parent.description ? sentence(parent.description) : `must match ${String(params.pattern)}`
      return {code: 'config/invalid-value', message: `${shown(context, pointer, value)} is not valid: ${rule}`, pointer, at: 'value'}
    }
    case 'minLength':
      return {
        code: 'config/invalid-value',
        message: Number(params.limit) === 1 ? 'must not be empty' : `must be at least ${String(params.limit)} characters`,
        pointer,
        at: 'value',
      }
    case 'maxLength':
      return {
        code: 'config/invalid-value',
        message: `is ${typeof value === 'string' ? value.length : '?'} characters; at most ${String(params.limit)} are allowed`,
        pointer,
        at: 'value',
      }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        code: 'config/invalid-value',
        message: `${shown(context, pointer, value)} is out of range: must be ${String(params.comparison)} ${String(params.limit)}`,
        pointer,
        at: 'value',
      }
    default:
      return {code: 'config/invalid-value', message: error.message ?? `fails ${error.keyword}`, pointer, at: 'value'}
  }
}

/**
 * Where all alternatives (oneOf/anyOf) fail, ajv reports every alternative's complaint. Keep those of
 * the alternative whose type matches the value (a string breaking the string rule); when no
 * alternative's type matches, report one wrong-type error instead.
 */
function focusAlternatives(errors: readonly ErrorObject[]): ErrorObject[] {
  let result = [...errors]
  for (const combinator of errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')) {
    const at = combinator.instancePath
    const typeErrors = result.filter((e) => e.keyword === 'type' && e.instancePath === at)
    const others = result.filter((e) => e !== combinator && !typeErrors.includes(e) && (e.instancePath === at || e.instancePath.startsWith(`${at}/`)))
    if (others.length > 0) {
      result = result.filter((e) => e !== combinator && !typeErrors.includes(e))
      continue
    }
    const allowed = typeErrors.map((e) => expectedTypes((e.params as {type: unknown}).type))
    const merged: ErrorObject = {...combinator, keyword: 'type', params: {type: [...new Set(allowed)].join(' or ')}}
    result = result.filter((e) => !typeErrors.includes(e)).map((e) => (e === combinator ? merged : e))
  }
  return result
}

/** Validates the merged configuration against the schema and turns each failure into a located diagnostic. */
export function validateAgainstSchema(config: unknown, locations: Locations, isSecret: (pointer: string) => boolean): Diagnostic[] {
  const validate = validator()
  if (validate(config)) return []
  const context: Context = {config, locations, isSecret}
  const diagnostics: Diagnostic[] = []
  for (const error of focusAlternatives(validate.errors ?? [])) {
    // A reference left unread holds its own text, not the value it will give: only its form was checked.
    if (locations.get(error.instancePath)?.unresolved) continue
    const found = describe(error, context)
    if (!found) continue
    const location = locate(locations, found.pointer)
    const source: SourceRange | undefined = found.at === 'key' ? (location.key ?? location.value) : (location.value ?? location.key)
    diagnostics.push({severity: 'error', code: found.code, message: found.message, path: found.pointer, source})
  }
  return diagnostics
}
