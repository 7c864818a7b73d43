import {spawnSync} from 'node:child_process'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {workspace} from './helpers.js'

const ROOT = join(import.meta.dirname, '..')

/** Runs a module as a library user's code would, importing chatcfg by its package name (`npm test` builds dist/ first). */
function asLibraryUser(code: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], {cwd: ROOT, encoding: 'utf8', env: {PATH: process.env.PATH ?? '', ...env}})
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

describe("the package entry, through package.json's exports", () => {
  it('validates and plans a configuration with nothing but the package name', () => {
    const cwd = workspace({'chatcfg.yaml': 'version: 1\napps:\n  demo:\n    name: Demo\n'})
    const run = asLibraryUser(
      `import {planFromFiles, validateConfiguration} from 'chatcfg'
const cwd = process.env.CONFIG_DIR
const validation = validateConfiguration({paths: [], cwd, env: {}})
const planned = await planFromFiles({paths: [], cwd, env: {}, toolVersion: 'library'})
console.log(JSON.stringify({apps: validation.apps, status: planned.status, creates: planned.plan.summary.create}))`,
      {CONFIG_DIR: cwd},
    )
    expect(run.stderr).toBe('')
    expect(JSON.parse(run.stdout)).toEqual({apps: 1, status: 'changes', creates: expect.any(Number)})
    expect(JSON.parse(run.stdout).creates).toBeGreaterThan(0)
  })

  it('keeps the inside of the package private: only the entry is exported', () => {
    const run = asLibraryUser(`await import('chatcfg/dist/operations/plan.js')`, {})
    expect(run.code).not.toBe(0)
    expect(run.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED')
  })
})
