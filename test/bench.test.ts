import {execFileSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {workspace} from './helpers.js'

const ROOT = join(import.meta.dirname, '..')

/** A tiny run of each benchmark, so the scripts cannot rot; the real runs are `npm run bench`, never tests. */
describe('benchmarks', () => {
  it('cold start runs and records every command next to bare node', () => {
    const out = join(workspace({}), 'cold-start.json')
    execFileSync(process.execPath, ['bench/cold-start.mjs', '--runs', '1', '--out', out], {cwd: ROOT, stdio: 'pipe'})
    const result = JSON.parse(readFileSync(out, 'utf8'))
    expect(result.rows.map((row: {command: string}) => row.command)).toEqual([
      "node -e ''",
      'chatcfg --version',
      'chatcfg validate (quickstart)',
      'chatcfg plan (quickstart, applied)',
      "floor: oclif parsing validate's arguments, bundled",
      'floor: the same with the emulator database opened and node:crypto',
      'floor: node opening the emulator database with better-sqlite3',
    ])
    for (const row of result.rows) expect(row).toMatchObject({cpuMs: expect.any(Number), wallMs: expect.any(Number), peakMiB: expect.any(Number)})
  })

  it('emulator read and write cost runs on fully configured apps', () => {
    const out = join(workspace({}), 'emulator.json')
    execFileSync(process.execPath, ['bench/emulator.mjs', '--apps', '2', '--reads', '1', '--out', out], {cwd: ROOT, stdio: 'pipe'})
    const result = JSON.parse(readFileSync(out, 'utf8'))
    expect(result).toMatchObject({apps: 2, changes: 174, resources: 176})
  })

  it('import through emulator serve makes the minimum number of requests, none throttled', () => {
    const out = join(workspace({}), 'serve-import.json')
    execFileSync(process.execPath, ['bench/serve-import.mjs', '--accounts', '250', '--groups', '5', '--latency', '1', '--out', out], {cwd: ROOT, stdio: 'pipe'})
    const result = JSON.parse(readFileSync(out, 'utf8'))
    expect(result).toMatchObject({accounts: 250, groups: 5, converged: true})
    const apply = Object.fromEntries(result.rows.filter((r: {phase: string}) => r.phase === 'apply').map((r: {endpoint: string}) => [r.endpoint, r]))
    expect(apply['im_open_login_svc/multiaccount_import']).toMatchObject({requests: 3, minimum: 3, throttled: 0})
    expect(apply['group_open_http_svc/create_group']).toMatchObject({requests: 5, minimum: 5, throttled: 0})
  })

  it('the account-limit workload runs every command through the CLI and reports CPU and memory', () => {
    const out = join(workspace({}), 'workload.json')
    execFileSync(process.execPath, ['bench/workload.mjs', '--apps', '1', '--runs', '1', '--change-runs', '1', '--out', out], {cwd: ROOT, stdio: 'pipe'})
    const result = JSON.parse(readFileSync(out, 'utf8'))
    expect(result.rows.map((row: {command: string}) => row.command)).toEqual([
      "node -e ''",
      'chatcfg validate',
      'chatcfg apply, from empty',
      'chatcfg plan, nothing to do',
      'chatcfg plan, one change',
      'chatcfg apply, one change',
    ])
    for (const row of result.rows) expect(row).toMatchObject({cpuMs: expect.any(Number), wallMs: expect.any(Number), peakMiB: expect.any(Number)})
    // A one-app plan is too short for every stage to be sampled; that the stages exist is the test below.
    expect(result.planProfile.totalMs).toBeGreaterThan(0)
  })

  it('the plan profile names functions that exist: a stage renamed in the code is renamed there too', async () => {
    const {STAGES} = await import('../bench/stage-profile.mjs')
    for (const [, name, file] of STAGES as Array<[string, string, string]>) {
      const source = readFileSync(join(ROOT, 'dist', file), 'utf8')
      const defined = new RegExp(`(function\\*? ${name}\\(|^\\s+(async )?${name}\\()`, 'm').test(source)
      expect({file, name, defined}).toEqual({file, name, defined: true})
    }
  })

  it('plan time runs on generated configurations', () => {
    const out = join(workspace({}), 'plan.json')
    execFileSync(process.execPath, ['bench/plan.mjs', '--runs', '1', '--sizes', '1', '--out', out], {cwd: ROOT, stdio: 'pipe'})
    const result = JSON.parse(readFileSync(out, 'utf8'))
    expect(result.rows).toMatchObject([{apps: 1, resources: 87, planTenPercentChanged: {changes: 1}}])
  })
})
