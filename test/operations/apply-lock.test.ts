import {cpSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {ApplyHooks} from '../../src/index.js'
import {applyFromFiles} from '../../src/operations/apply.js'
import {planFromFiles} from '../../src/operations/plan.js'
import {planFingerprint} from '../../src/plan/fingerprint.js'
import type {PlannedChange} from '../../src/plan/plan.js'
import {Emulator} from '../../src/providers/emulator/emulator.js'
import {workspace} from '../helpers.js'
import {settings} from '../providers/emulator/changes.js'

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples')
const VERSION = '0.0.0-test'

/** Hooks of a run without a terminal; `waiting` is told when apply waits for another holder of the lock. */
function hooksFor(waiting: (message: string) => void = () => {}): ApplyHooks {
  return {
    showPlan: () => {},
    confirm: async () => false,
    starting: () => {},
    onResult: () => {},
    operator: async () => undefined,
    warn: waiting,
  }
}

/**
 * The quickstart applied, then edited so the next plan updates the recall limit (wave 0), creates carol
 * and points the webhook elsewhere (wave 1) and adds carol to the team (wave 2); that plan saved as plan.json.
 */
async function savedPlanFolder(): Promise<string> {
  const cwd = workspace({})
  cpSync(join(EXAMPLES, 'quickstart'), cwd, {recursive: true, filter: (source) => !source.includes('.chatcfg')})
  const applied = await applyFromFiles({paths: [], cwd, env: {}, toolVersion: VERSION, interactive: false, autoApprove: true, hooks: hooksFor()})
  expect(applied).toMatchObject({ok: true, status: 'applied'})
  const file = join(cwd, 'chatcfg.yaml')
  writeFileSync(
    file,
    readFileSync(file, 'utf8')
      .replace('recallLimitMinutes: 5', 'recallLimitMinutes: 10')
      .replace('https://hooks.example.com/im', 'https://hooks.example.com/im2')
      .replace('members: [bob]', 'members: [bob, carol]')
      .replace('bob: { nick: Bob }', 'bob: { nick: Bob }\n      carol: { nick: Carol }'),
  )
  expect(await planFromFiles({paths: [], cwd, env: {}, out: 'plan.json', toolVersion: VERSION})).toMatchObject({ok: true, status: 'changes'})
  return cwd
}

type Editable<T> = {-readonly [K in keyof T]: T[K]}

interface PlanFile {
  plan: {changes: Array<Editable<PlannedChange>>; liveFingerprints: Record<string, string>; fingerprint: string}
}

/** Edits the saved plan as someone covering their tracks would: the fingerprint recomputed to match. */
function tamper(cwd: string, edit: (saved: PlanFile) => void): void {
  const path = join(cwd, 'plan.json')
  const saved = JSON.parse(readFileSync(path, 'utf8')) as PlanFile
  edit(saved)
  saved.plan.fingerprint = planFingerprint(saved.plan.changes)
  writeFileSync(path, JSON.stringify(saved, null, 2))
}

const applySaved = (cwd: string, hooks = hooksFor()) =>
  applyFromFiles({paths: ['plan.json'], cwd, env: {}, toolVersion: VERSION, interactive: false, autoApprove: true, hooks})

const changeAt = (saved: PlanFile, address: string): Editable<PlannedChange> => {
  const change = saved.plan.changes.find((c) => c.address === address)
  if (!change) throw new Error(`${address} is in the saved plan`)
  return change
}

/** Nothing of the edited configuration reached live state: its plan still has all four changes. */
async function nothingApplied(cwd: string): Promise<void> {
  const plan = await planFromFiles({paths: [], cwd, env: {}, toolVersion: VERSION})
  if (!plan.ok) throw new Error('the configuration is valid')
  expect(plan.plan.changes.map((c) => c.address)).toEqual(['app.demo.messages', 'app.demo.account.carol', 'app.demo.webhook', 'app.demo.group.team'])
}

describe('a saved plan is trusted for nothing it could lie about', () => {
  it.each<[string, (saved: PlanFile) => void, RegExp]>([
    [
      'a changed value',
      (saved) => {
        changeAt(saved, 'app.demo.messages').after = {...changeAt(saved, 'app.demo.messages').after, recallLimitMinutes: 120}
      },
      /change 1: app\.demo\.messages has a different after of recallLimitMinutes than in the saved plan/,
    ],
    [
      'a webhook pointed at another host',
      (saved) => {
        changeAt(saved, 'app.demo.webhook').after = {...changeAt(saved, 'app.demo.webhook').after, url: 'https://collector.attacker.test/im'}
      },
      /change 3: app\.demo\.webhook has a different after of url than in the saved plan/,
    ],
    [
      'reordered waves',
      (saved) => {
        saved.plan.changes.reverse()
        saved.plan.changes.forEach((change, index) => {
          change.wave = index
        })
      },
      /change 1: the saved plan has update app\.demo\.group\.team \(wave 0\), now it is update app\.demo\.messages \(wave 0\)/,
    ],
    [
      'an added delete',
      (saved) => {
        saved.plan.changes.push({
          action: 'delete',
          kind: 'account',
          address: 'app.demo.account.bob',
          appKey: 'demo',
          name: 'bob',
          changedPaths: [],
          blockedBy: [],
          wave: 3,
        })
      },
      /change 5: delete app\.demo\.account\.bob \(wave 3\) is in the saved plan, not in the plan made now/,
    ],
    [
      'emptied live fingerprints',
      (saved) => {
        saved.plan.liveFingerprints = {}
      },
      /it has no live fingerprint for app\.demo\.messages/,
    ],
    [
      'one live fingerprint removed',
      (saved) => {
        delete saved.plan.liveFingerprints['app.demo.group.team']
      },
      /it has no live fingerprint for app\.demo\.group\.team/,
    ],
  ])('%s, with the fingerprint recomputed, is refused naming the first difference, and nothing is applied', async (_name, edit, message) => {
    const cwd = await savedPlanFolder()
    tamper(cwd, edit)
    await expect(applySaved(cwd)).rejects.toThrow(message)
    await nothingApplied(cwd)
  })

  it('the saved plan as it was made applies', async () => {
    const cwd = await savedPlanFolder()
    expect(await applySaved(cwd)).toMatchObject({ok: true, status: 'applied', report: {ok: true}})
    expect(await planFromFiles({paths: [], cwd, env: {}, toolVersion: VERSION})).toMatchObject({ok: true, status: 'no-changes'})
  })

  it('is refused when live state moves while apply waits for the lock, naming who held it', async () => {
    const cwd = await savedPlanFolder()
    const holder = Emulator.open({path: join(cwd, '.chatcfg', 'emulator.db')})
    const release = await holder.lock('another apply')
    let moved: Promise<void> | undefined
    const applying = applySaved(
      cwd,
      hooksFor(() => {
        // Apply now waits: the holder changes the recall limit under its lock and lets go.
        moved ??= holder.apply(settings('messages', 'demo', {recallLimitMinutes: 30})).then(release)
      }),
    )
    await expect(applying).rejects.toThrow(
      new RegExp(
        `^the saved plan plan\\.json is not what apply would do now \\(live state moved while this apply waited for process ${process.pid} on .+ \\(another apply\\) since .+\\): change 1: app\\.demo\\.messages has a different before of recallLimitMinutes than in the saved plan\\. Nothing applied; plan again$`,
      ),
    )
    await moved
    holder.close()
    await nothingApplied(cwd)
  })
})

describe('plan and apply see one snapshot of live state', () => {
  it('an apply that waited while another holder changed what it planned refuses, naming the holder; one that finds nothing moved applies', async () => {
    const cwd = await savedPlanFolder()
    const holder = Emulator.open({path: join(cwd, '.chatcfg', 'emulator.db')})
    const request = {paths: [], cwd, env: {}, toolVersion: VERSION, interactive: false, autoApprove: true}
    const first = await holder.lock('another apply')
    let moved: Promise<void> | undefined
    const refused = applyFromFiles({
      ...request,
      hooks: hooksFor(() => {
        moved ??= holder.apply(settings('messages', 'demo', {recallLimitMinutes: 10})).then(first)
      }),
    })
    await expect(refused).rejects.toThrow(
      /^live state moved while this apply waited for process \d+ on .+ \(another apply\) since .+: change 1: the plan shown has update app\.demo\.messages \(wave 0\), now it is create app\.demo\.account\.carol \(wave 0\)\. Nothing applied; plan again$/,
    )
    await moved
    // A holder that changes nothing the plan touches does not stop the next apply.
    const second = await holder.lock('a reader')
    let released = false
    const applied = applyFromFiles({
      ...request,
      hooks: hooksFor(() => {
        if (!released) second()
        released = true
      }),
    })
    expect(await applied).toMatchObject({ok: true, status: 'applied', report: {ok: true}})
    expect(released).toBe(true)
    holder.close()
    expect(await planFromFiles({paths: [], cwd, env: {}, toolVersion: VERSION})).toMatchObject({ok: true, status: 'no-changes'})
  })
})
