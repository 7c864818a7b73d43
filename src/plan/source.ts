import type {SourceRange} from '../diagnostics/diagnostic.js'

/**
 * A change's `source` (where its resource is declared) is worked out on first read: positions may mean
 * parsing part of a configuration file again, and most plans are applied or shown without them (a plan
 * from empty has a change per resource). To every reader it is a plain field holding its value: spread,
 * JSON and equality read it. Copies made with `extended` share the one answer, still unread.
 */
export function withSource<T extends object>(fields: T, locate: () => SourceRange | undefined): T & {readonly source?: SourceRange} {
  let found: {readonly source: SourceRange | undefined} | undefined
  return Object.defineProperty(fields, 'source', {
    get: () => {
      found ??= {source: locate()}
      return found.source
    },
    enumerable: true,
    configurable: true,
  }) as T & {readonly source?: SourceRange}
}

/**
 * `{...change, ...fields}` that leaves a `source` still to be worked out as it is: the same fields in the
 * same order (those in `fields` replace their namesakes in place, new ones follow).
 */
export function extended<T extends object, U extends object>(change: T, fields: U): T & U {
  const copy: Record<string, unknown> = {}
  for (const key of Object.keys(change)) {
    if (Object.hasOwn(fields, key)) copy[key] = (fields as Record<string, unknown>)[key]
    else if (key === 'source') Object.defineProperty(copy, key, Object.getOwnPropertyDescriptor(change, key) as PropertyDescriptor)
    else copy[key] = (change as Record<string, unknown>)[key]
  }
  for (const key of Object.keys(fields)) if (!Object.hasOwn(copy, key)) copy[key] = (fields as Record<string, unknown>)[key]
  return copy as T & U
}
