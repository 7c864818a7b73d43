import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {afterAll} from 'vitest'
import type {LoadResult} from '../src/config/load.js'
import {validateConfiguration} from '../src/operations/validate.js'

const folders: string[] = []
afterAll(() => {
  for (const folder of folders.splice(0)) rmSync(folder, {recursive: true, force: true})
})

/** A temporary folder holding the given files; removed after the test file. */
export function workspace(files: Record<string, string | Buffer>): string {
  const folder = mkdtempSync(join(tmpdir(), 'chatcfg-test-'))
  folders.push(folder)
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, name)), {recursive: true})
    writeFileSync(join(folder, name), content)
  }
  return folder
}

/** Loads configuration files and runs the offline rules after loading, as validate and plan do. */
export function loadChecked(paths: readonly string[], options: {cwd: string; env: NodeJS.ProcessEnv}): LoadResult {
  return validateConfiguration({paths, ...options}).load
}

/** Loads one inline configuration as chatcfg.yaml. */
export function loadYaml(yaml: string, env: Record<string, string> = {}): LoadResult {
  const cwd = workspace({'chatcfg.yaml': yaml})
  return loadChecked(['chatcfg.yaml'], {cwd, env})
}

/** Error diagnostics as `code@line:col`, the shape most assertions compare. */
export function errorsOf(result: LoadResult): string[] {
  return result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}@${d.source?.start.line}:${d.source?.start.column}`)
}

export function codesOf(result: LoadResult, severity: 'error' | 'warning' = 'error'): string[] {
  return result.diagnostics.filter((d) => d.severity === severity).map((d) => d.code)
}

export const MINIMAL_APP = `version: 1
apps:
  demo:
    name: Demo
`

const BIN = join(import.meta.dirname, '..', 'bin', 'run.js')

/** Runs the built CLI as a user would, without a terminal; `npm test` builds dist/ first. */
export function chatcfg(args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {cwd, encoding: 'utf8', env: {PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env}})
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

/** Every YAML file below `folder`, at any depth. */
export function yamlFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name)
    if (statSync(path).isDirectory()) return yamlFiles(path)
    return /\.ya?ml$/.test(name) ? [path] : []
  })
}
