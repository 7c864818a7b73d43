import {cpSync, existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {ApplyHooks} from '../../src/index.js'
import {applyFromFiles} from '../../src/operations/apply.js'
import {detectDrift} from '../../src/operations/drift.js'
import {emulatorStatus} from '../../src/operations/emulator.js'
import {exportLiveState} from '../../src/operations/export.js'
import {planFromFiles} from '../../src/operations/plan.js'
import {readPlanFile} from '../../src/operations/saved-plan.js'
import {validateConfiguration} from '../../src/operations/validate.js'
import {workspace} from '../helpers.js'

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples')

/** A fresh copy of the quickstart example, so its emulator database lands in the copy. */
function quickstart(): string {
  const cwd = workspace({})
  cpSync(join(EXAMPLES, 'quickstart'), cwd, {recursive: true, filter: (source) => !source.includes('.chatcfg')})
  return cwd
}

/** Hooks of a run without a terminal, recording what apply reports. */
function recording(): {hooks: ApplyHooks; seen: string[]} {
  const seen: string[] = []
  const hooks: ApplyHooks = {
    showPlan: (plan) => seen.push(`plan ${plan.changes.length}`),
    confirm: async () => false,
    starting: () => seen.push('starting'),
    onResult: (result) => seen.push(`${result.status} ${result.address}`),
    operator: async () => undefined,
    warn: (message) => seen.push(`warn ${message}`),
  }
  return {hooks, seen}
}

describe('operations, driven as a library caller would', () => {
  it('validate reports located problems and counts what a valid configuration holds', () => {
    const cwd = workspace({'chatcfg.yaml': 'version: 1\napps:\n  demo:\n    name: Demo\n    edition: gold\n'})
    const invalid = validateConfiguration({paths: [], cwd, env: {}})
    expect(invalid.config).toBeUndefined()
    expect(invalid.diagnostics.map((d) => `${d.code}@${d.source?.start.line}`)).toEqual(['config/invalid-value@5'])
    const valid = validateConfiguration({paths: ['.'], cwd: quickstart(), env: {}})
    expect(valid).toMatchObject({apps: 1, policies: 0, diagnostics: []})
  })

  it('plan saves a plan that show reads back; apply makes it so; then drift and the next plan find nothing', async () => {
    const cwd = quickstart()
    const planned = await planFromFiles({paths: [], cwd, env: {}, out: 'plan.json', toolVersion: '0.0.0-test'})
    if (!planned.ok) throw new Error('quickstart is valid')
    expect(planned.status).toBe('changes')
    expect(readPlanFile('plan.json', cwd).plan.fingerprint).toBe(planned.plan.fingerprint)

    const {hooks, seen} = recording()
    const applied = await applyFromFiles({paths: ['plan.json'], cwd, env: {}, toolVersion: '0.0.0-test', interactive: false, autoApprove: true, hooks})
    expect(applied).toMatchObject({ok: true, status: 'applied', report: {ok: true}})
    expect(seen.slice(0, 2)).toEqual([`plan ${planned.plan.changes.length}`, 'starting'])
    expect(seen.filter((line) => line.startsWith('applied '))).toHaveLength(planned.plan.changes.length)
    expect(JSON.parse(readFileSync(join(cwd, '.chatcfg', 'last-apply.json'), 'utf8'))).toMatchObject({finished: true, ok: true})

    expect(await detectDrift({paths: [], cwd, env: {}})).toMatchObject({ok: true, drifted: false})
    expect(await planFromFiles({paths: [], cwd, env: {}, toolVersion: '0.0.0-test'})).toMatchObject({ok: true, status: 'no-changes'})
    expect(emulatorStatus({paths: [], cwd, env: {}})).toMatchObject({ok: true, status: {apps: [{key: 'demo'}]}})
  })

  it('a saved plan is refused once applied, and by another version of chatcfg', async () => {
    const cwd = quickstart()
    await planFromFiles({paths: [], cwd, env: {}, out: 'plan.json', toolVersion: '1.0.0'})
    const request = {paths: ['plan.json'], cwd, env: {}, interactive: false, autoApprove: true, hooks: recording().hooks}
    await expect(applyFromFiles({...request, toolVersion: '2.0.0'})).rejects.toThrow('plan.json was made by chatcfg 1.0.0; this is 2.0.0')
    await applyFromFiles({...request, toolVersion: '1.0.0'})
    await expect(applyFromFiles({...request, toolVersion: '1.0.0'})).rejects.toThrow(/stale: live state of .* changed since the plan was made/)
  })

  it('without a terminal, apply asks for approval instead of applying', async () => {
    const cwd = quickstart()
    const request = {paths: [], cwd, env: {}, toolVersion: '1.0.0', interactive: false, autoApprove: false, hooks: recording().hooks}
    await expect(applyFromFiles(request)).rejects.toThrow('apply needs --auto-approve when there is no terminal to confirm on; nothing applied')
    expect(await planFromFiles({...request, toolVersion: '1.0.0'})).toMatchObject({status: 'changes'})
  })

  it('export writes live state the plan then finds nothing to change in, and names a missing output folder', async () => {
    const cwd = quickstart()
    await applyFromFiles({paths: [], cwd, env: {}, toolVersion: '1', interactive: false, autoApprove: true, hooks: recording().hooks})
    const exported = await exportLiveState({paths: [], cwd, env: {}, out: 'exported.yaml'})
    expect(exported).toMatchObject({ok: true, writtenTo: join(cwd, 'exported.yaml')})
    expect(existsSync(join(cwd, 'exported.yaml'))).toBe(true)
    await expect(exportLiveState({paths: [], cwd, env: {}, out: 'missing/x.yaml'})).rejects.toThrow(
      'cannot write missing/x.yaml: the folder missing does not exist; create it first',
    )
  })
})
