import {styleText} from 'node:util'
import type {Diagnostic} from '../diagnostics/diagnostic.js'
import {annotationLines, type RepositoryPaths} from './github.js'

export type DiagnosticFormat = 'text' | 'json' | 'github'

export interface ValidationReport {
  readonly files: readonly string[]
  readonly diagnostics: readonly Diagnostic[]
  readonly apps: number
  readonly policies: number
}

export interface TextOptions {
  readonly color: boolean
  /** For GitHub annotations: where the repository root is, to name files from it. */
  readonly repository?: RepositoryPaths
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

/** One line per problem: `file:line:col: severity[code]: message`. */
export function formatDiagnostic(diagnostic: Diagnostic, options: TextOptions = {color: false}): string {
  const where = diagnostic.source ? `${diagnostic.source.file}:${diagnostic.source.start.line}:${diagnostic.source.start.column}` : 'chatcfg'
  const label = `${diagnostic.severity}[${diagnostic.code}]`
  const styled = options.color ? styleText(diagnostic.severity === 'error' ? ['bold', 'red'] : ['bold', 'yellow'], label) : label
  return `${where}: ${styled}: ${diagnostic.message}`
}

function counts(report: ValidationReport): {errors: number; warnings: number} {
  const errors = report.diagnostics.filter((d) => d.severity === 'error').length
  return {errors, warnings: report.diagnostics.length - errors}
}

export function renderValidationText(report: ValidationReport, options: TextOptions): string {
  const lines = report.diagnostics.map((d) => formatDiagnostic(d, options))
  const {errors, warnings} = counts(report)
  const scope = `${plural(report.files.length, 'file')}, ${plural(report.apps, 'app')}, ${plural(report.policies, 'policy').replace(/policys$/, 'policies')}`
  lines.push(
    errors > 0
      ? `invalid: ${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(report.files.length, 'file')}`
      : `valid: ${scope}${warnings > 0 ? ` (${plural(warnings, 'warning')})` : ''}`,
  )
  return `${lines.join('\n')}\n`
}

/** The JSON report; its shape is versioned so scripts can rely on it. */
export function renderValidationJson(report: ValidationReport): string {
  const {errors, warnings} = counts(report)
  const body = {
    formatVersion: 1,
    valid: errors === 0,
    errors,
    warnings,
    files: report.files,
    diagnostics: report.diagnostics.map((d) => ({
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(d.path !== undefined ? {path: d.path} : {}),
      ...(d.source
        ? {file: d.source.file, line: d.source.start.line, column: d.source.start.column, endLine: d.source.end.line, endColumn: d.source.end.column}
        : {}),
    })),
  }
  return `${JSON.stringify(body, null, 2)}\n`
}

/** GitHub Actions workflow commands: each problem becomes an annotation on the pull request's diff, its file named from the repository root. */
export function renderValidationGithub(report: ValidationReport, paths?: RepositoryPaths): string {
  const lines = annotationLines(report.diagnostics, paths)
  const {errors, warnings} = counts(report)
  lines.push(`chatcfg validate: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`)
  return `${lines.join('\n')}\n`
}

export function renderValidation(report: ValidationReport, format: DiagnosticFormat, options: TextOptions): string {
  switch (format) {
    case 'text':
      return renderValidationText(report, options)
    case 'json':
      return renderValidationJson(report)
    case 'github':
      return renderValidationGithub(report, options.repository)
    default: {
      const unreachable: never = format
      throw new Error(`unknown format ${String(unreachable)}`)
    }
  }
}
