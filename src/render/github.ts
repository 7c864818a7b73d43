import {posix, relative, resolve, sep} from 'node:path'
import type {Diagnostic, Severity} from '../diagnostics/diagnostic.js'
import {formatDiagnostic} from './diagnostics.js'
import {compactKeys, groupDiagnostics} from './plan-digest.js'

/**
 * GitHub Actions keeps at most 10 error and 10 warning annotations of a step (and 50 of a job); past
 * that it drops them without a word. The rest go to the log as plain located lines, and a closing line says so.
 */
export const ANNOTATIONS_PER_STEP: Readonly<Record<Severity, number>> = {error: 10, warning: 10}

/** Where the repository is and where the command ran, both absolute: annotations name files from the repository root. */
export interface RepositoryPaths {
  readonly root: string
  readonly cwd: string
}

/** A file as the user named it (relative to where the command ran), as a path from the repository root. */
export function repositoryPath(file: string, paths: RepositoryPaths | undefined): string {
  if (!paths) return file
  const fromRoot = relative(paths.root, resolve(paths.cwd, file))
  return fromRoot.startsWith('..') ? file : fromRoot.split(sep).join(posix.sep)
}

const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')

/**
 * Diagnostics as GitHub workflow commands: the same problem in several apps is one annotation (at its
 * first place, naming the apps), at most {@link ANNOTATIONS_PER_STEP} of each severity; the rest are
 * printed as located lines, so the log still has every one.
 */
export function annotationLines(diagnostics: readonly Diagnostic[], paths?: RepositoryPaths): string[] {
  const lines: string[] = []
  const overflow: Diagnostic[] = []
  const used: Record<Severity, number> = {error: 0, warning: 0}
  for (const group of groupDiagnostics(diagnostics)) {
    const d = group.diagnostic
    if (used[d.severity] >= ANNOTATIONS_PER_STEP[d.severity]) {
      overflow.push(...group.members)
      continue
    }
    used[d.severity]++
    const source = d.source
    const properties = [
      ...(source
        ? [
            `file=${escapeProperty(repositoryPath(source.file, paths))}`,
            `line=${source.start.line}`,
            `col=${source.start.column}`,
            `endLine=${source.end.line}`,
            `endColumn=${source.end.column}`,
          ]
        : []),
      `title=${escapeProperty(`chatcfg ${d.code}`)}`,
    ]
    const spread = group.apps.length > 1 ? ` (in ${group.apps.length} apps: ${compactKeys(group.apps)})` : ''
    lines.push(`::${d.severity} ${properties.join(',')}::${escapeData(`${group.message}${spread}`)}`)
  }
  if (overflow.length > 0) {
    lines.push(...overflow.map((d) => formatDiagnostic(d)))
    lines.push(
      `${overflow.length} more problem${overflow.length === 1 ? ' is' : 's are'} listed above rather than annotated: GitHub keeps ${ANNOTATIONS_PER_STEP.error} error and ${ANNOTATIONS_PER_STEP.warning} warning annotations per step.`,
    )
  }
  return lines
}
