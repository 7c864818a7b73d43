import type {DiagnosticCode} from './codes.js'

/** A 1-based position in a source file; `offset` is the 0-based character offset. */
export interface SourcePosition {
  readonly line: number
  readonly column: number
  readonly offset: number
}

/** Where a problem is: the file as the user named it, and the range of the key or value at fault. */
export interface SourceRange {
  readonly file: string
  readonly start: SourcePosition
  readonly end: SourcePosition
}

export type Severity = 'error' | 'warning'

/**
 * A problem the user can fix. Library code collects these and keeps going, so one run shows every
 * problem; only the CLI prints them. `message` is one line and never contains a secret value.
 */
export interface Diagnostic {
  readonly severity: Severity
  readonly code: DiagnosticCode
  readonly message: string
  /** JSON pointer into the merged configuration, when the problem belongs to a value. */
  readonly path?: string
  /** The resource the problem is about, when a plan rule found it (`app.support.userField.Tier`). */
  readonly address?: string
  readonly source?: SourceRange
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error')
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Orders diagnostics by file, then position, then code, and drops exact repeats: a problem in a
 * template is found once per app that extends it, at the same place.
 */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>()
  const unique: Diagnostic[] = []
  for (const d of diagnostics) {
    const key = `${d.source?.file}\0${d.source?.start.offset}\0${d.code}\0${d.message}`
    if (seen.has(key)) continue
    seen.add(key)
    unique.push(d)
  }
  return unique.sort(
    (a, b) =>
      byCodeUnit(a.source?.file ?? '', b.source?.file ?? '') ||
      (a.source?.start.offset ?? -1) - (b.source?.start.offset ?? -1) ||
      byCodeUnit(a.code, b.code) ||
      byCodeUnit(a.message, b.message),
  )
}
