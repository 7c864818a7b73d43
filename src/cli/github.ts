import {appendFileSync, existsSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import type {RepositoryPaths} from '../render/github.js'

/**
 * Where the repository is, so GitHub annotations name files from its root: the Actions workspace when
 * set, else the nearest folder up from `cwd` holding `.git`, else `cwd` itself.
 */
export function repositoryPaths(cwd: string, env: NodeJS.ProcessEnv): RepositoryPaths {
  if (env.GITHUB_WORKSPACE) return {root: resolve(env.GITHUB_WORKSPACE), cwd}
  for (let folder = resolve(cwd); ; folder = dirname(folder)) {
    if (existsSync(join(folder, '.git'))) return {root: folder, cwd}
    if (dirname(folder) === folder) return {root: cwd, cwd}
  }
}

/** The job summary file of a GitHub Actions step, or a clear error before anything is done. */
export function jobSummaryFile(env: NodeJS.ProcessEnv): string {
  const file = env.GITHUB_STEP_SUMMARY
  if (!file) throw new Error('--job-summary writes to the file named by GITHUB_STEP_SUMMARY, which is not set (GitHub Actions sets it in every step)')
  return file
}

/** Where the whole plan can be read, as the end of the cut note's "The whole plan is in …". */
export function wholePlanAt(options: {readonly jobSummary?: boolean; readonly savedPlan?: string | undefined}): string | undefined {
  const saved = options.savedPlan ? `the saved plan \`${options.savedPlan}\` (\`chatcfg show ${options.savedPlan}\`)` : undefined
  if (options.jobSummary) return `the job summary of this workflow run${saved ? `, and in ${saved}` : ''}`
  return saved
}

/** Adds Markdown to the job summary file (GitHub Actions shows every step's summary on the run's page). */
export function appendJobSummary(file: string, markdown: string): void {
  appendFileSync(file, markdown)
}
