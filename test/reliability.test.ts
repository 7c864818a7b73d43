import {execFileSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {workspace} from './helpers.js'

const ROOT = join(import.meta.dirname, '..')

/** A short seeded slice of a campaign (the full runs are `npm run reliability`, never tests). A failed run shows all it printed. */
function slice(name: string) {
  const out = workspace({})
  try {
    execFileSync(process.execPath, ['reliability/run.mjs', '--quick', '--only', name, '--out', out], {cwd: ROOT, stdio: 'pipe', encoding: 'utf8'})
  } catch (error) {
    const {status, signal, stdout, stderr} = error as {status: number | null; signal: string | null; stdout?: string; stderr?: string}
    throw new Error(`the ${name} slice exited ${status ?? signal}\n--- stdout ---\n${stdout ?? ''}\n--- stderr ---\n${stderr ?? ''}`)
  }
  return JSON.parse(readFileSync(join(out, `${name}.json`), 'utf8'))
}

describe('reliability campaigns, short slices', () => {
  it('faults: every partial failure matches what was stored, and the next apply converges', () => {
    const result = slice('faults')
    expect(result.problems).toEqual([])
    expect(result).toMatchObject({runs: 20, inProcess: 10, served: 10})
    expect(result.faultsInjected.failure + result.faultsInjected.throttle + result.faultsInjected.drop).toBeGreaterThan(20)
    expect(result.partialFailures).toBeGreaterThan(0)
  }, 300_000)

  it('crashes: a killed apply leaves a consistent database and a truthful journal, and converges', () => {
    const result = slice('crashes')
    expect(result.problems).toEqual([])
    // Each is killed once the apply printed a seeded share of its results, so each stored some, however busy the machine.
    expect(result).toMatchObject({runs: 3, killedAfterResults: 3, killedBeforeAnyWrite: 0})
  }, 300_000)

  it('fuzz: mutated inputs are valid or get located errors, never a crash', () => {
    const result = slice('fuzz')
    expect(result.problems).toEqual([])
    expect(result.inputs).toBe(300)
    expect(result.rejected).toBeGreaterThan(100)
    expect(result.valid).toBeGreaterThan(0)
  }, 300_000)

  it('secrets: no canary in any output or file, and every command did its job', () => {
    const result = slice('secrets')
    expect(result.problems).toEqual([])
    expect(result.commands).toBeGreaterThan(25)
    expect(result.files).toBeGreaterThan(5)
  }, 300_000)

  it('attack surface: every probe answered as the service would', () => {
    const result = slice('attack')
    expect(result.problems).toEqual([])
    expect(result.probes).toBeGreaterThan(20)
  }, 300_000)

  it('input limits: devices, pipes, links out of the folder and oversized or deep input each end with one located error', () => {
    const result = slice('limits')
    expect(result.problems).toEqual([])
    expect(result.rows.map((row: {error: string}) => row.error.split(' at ')[0])).toEqual([
      'config/not-a-file',
      'config/not-a-file',
      'config/outside-folder',
      'config/too-many-keys',
      'config/too-deep',
    ])
    expect(result.unreadableFiles.unlocatedLines).toBe(0)
  }, 300_000)

  it('concurrency: racing applies never both write a setting planned from one value; every edited saved plan is refused', () => {
    const result = slice('concurrency')
    expect(result.problems).toEqual([])
    expect(result).toMatchObject({races: 2, releasedTogetherOneWriter: 1, savedPlanEdits: 6, savedPlanEditsRefused: 6, savedPlanWhileLiveMovesRefused: 1})
  }, 300_000)

  it('the leak check finds a canary in clear, base64 and hex', () => {
    const script = `import('./reliability/secrets-campaign.mjs').then(({leaks, CANARIES}) => {
      const canary = CANARIES.P12_PASSWORD
      const texts = ['x ' + canary + ' y', Buffer.from(canary).toString('base64'), Buffer.from('a' + canary).toString('base64'), Buffer.from('{"token":"' + canary).toString('base64'), Buffer.from(canary).toString('hex'), '(secret)']
      process.stdout.write(JSON.stringify(texts.map((text) => leaks(text, 'here').length)))
    })`
    const counts = JSON.parse(execFileSync(process.execPath, ['-e', script], {cwd: ROOT, encoding: 'utf8'}))
    expect(counts.map((n: number) => n > 0)).toEqual([true, true, true, true, true, false])
  })
})
