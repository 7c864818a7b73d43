// Concurrency and saved-plan campaign: applies that race for the same setting, and saved plans that lie.
// Races: two `chatcfg apply` processes change the recall limit of one app (5 → 3 and 5 → 7) against one
// emulator database, every write taking 1.5 s. Either both are released together from a lock this
// process holds, or the second starts once the first holds the lock. Never may both report a write
// planned against the same value; the value left is the one the last writer planned.
// Saved plans: every edit that recomputes the plan's fingerprint, and a plan applied while live state
// moves, must be refused with nothing applied.
import {spawn} from 'node:child_process'
import {cpSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {planFingerprint} from '../dist/plan/fingerprint.js'
import {Emulator} from '../dist/providers/emulator/emulator.js'
import {BIN, ROOT, remove, runCli, workspace} from './common.mjs'

const WRITE = '] update app.demo.messages: done'
const WAITING = 'waiting for the writer lock'

/** base/, three/ and seven/: the quickstart with recall limits 5, 3 and 7, all on ../emulator.db; base applied. */
async function sharedEmulator() {
  const cwd = workspace({})
  for (const [folder, minutes] of [
    ['base', 5],
    ['three', 3],
    ['seven', 7],
  ]) {
    cpSync(join(ROOT, 'examples', 'quickstart'), join(cwd, folder), {recursive: true, filter: (source) => !source.includes('.chatcfg')})
    const file = join(cwd, folder, 'chatcfg.yaml')
    const text = readFileSync(file, 'utf8').replace('recallLimitMinutes: 5', `recallLimitMinutes: ${minutes}`)
    writeFileSync(file, `${text}provider:\n  emulator: { path: ../emulator.db }\n`)
  }
  const base = await runCli(['apply', '--auto-approve'], {cwd: join(cwd, 'base')})
  if (base.code !== 0) throw new Error(`the base apply failed: ${base.output}`)
  return {cwd, db: join(cwd, 'emulator.db')}
}

function startApply(cwd, args = ['apply', '--auto-approve'], latency = 1500) {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: {PATH: process.env.PATH ?? '', NO_COLOR: '1', CHATCFG_EMULATOR_FAULTS: `latency=${latency}`},
  })
  const run = {pid: child.pid, stdout: '', stderr: '', finished: false, code: undefined}
  child.stdout.on('data', (chunk) => {
    run.stdout += chunk
  })
  child.stderr.on('data', (chunk) => {
    run.stderr += chunk
  })
  run.exited = new Promise((resolve) =>
    child.on('close', (code) => {
      run.finished = true
      run.code = code
      resolve(code)
    }),
  )
  return run
}

/** Waits for what the processes did, never for a length of time. */
async function until(ready) {
  while (!ready()) await new Promise((resolve) => setTimeout(resolve, 50))
}

function recallLimit(db) {
  const emulator = Emulator.open({path: db, create: false})
  try {
    return emulator.readAll().find((resource) => resource.address === 'app.demo.messages')?.attributes.recallLimitMinutes
  } finally {
    emulator.close()
  }
}

/** The value a run's plan showed it changing from, when it wrote. */
const plannedFrom = (run) => /recallLimitMinutes: (\d+) → \d+/.exec(run.stdout)?.[1]

function checkRace(runs, db, problems) {
  const writers = runs.filter((run) => run.stdout.includes(WRITE))
  const froms = writers.map(plannedFrom)
  if (new Set(froms).size !== froms.length) problems.push(`both wrote the recall limit planned from ${froms.join(' and ')}`)
  for (const run of runs) {
    if (run.stdout.includes(WRITE) ? run.code !== 0 : run.code !== 1) problems.push(`process ${run.pid} exited ${run.code}`)
    if (!run.stdout.includes(WRITE) && !/waited for process \d+ on .+ since .+: change 1: app\.demo\.messages/.test(run.stderr))
      problems.push(`the refusal does not name the holder: ${run.stderr.trim()}`)
  }
  const last = writers.sort((a, b) => Number(plannedFrom(a) === '5') - Number(plannedFrom(b) === '5'))[0]
  const expected = last ? Number(/recallLimitMinutes: \d+ → (\d+)/.exec(last.stdout)?.[1]) : 5
  const value = recallLimit(db)
  if (value !== expected) problems.push(`the recall limit is ${value}, the last writer planned ${expected}`)
  return writers.length
}

async function releasedTogether() {
  const {cwd, db} = await sharedEmulator()
  const problems = []
  try {
    const holder = Emulator.open({path: db, create: false})
    const release = await holder.lock('the campaign holding the lock')
    const runs = [startApply(join(cwd, 'three')), startApply(join(cwd, 'seven'))]
    await until(() => runs.every((run) => run.stderr.includes(WAITING) || run.finished))
    release()
    holder.close()
    await Promise.all(runs.map((run) => run.exited))
    const writers = checkRace(runs, db, problems)
    return {kind: 'released together', writers, problems}
  } finally {
    remove(cwd)
  }
}

async function secondWhileFirstHolds() {
  const {cwd, db} = await sharedEmulator()
  const problems = []
  try {
    const first = startApply(join(cwd, 'three'))
    const watcher = Emulator.open({path: db, create: false})
    await until(() => watcher.status().lock?.pid === first.pid || first.finished)
    watcher.close()
    const second = startApply(join(cwd, 'seven'))
    await Promise.all([first.exited, second.exited])
    if (!first.stdout.includes(WRITE)) problems.push(`the first apply did not write: ${first.stderr.trim()}`)
    const writers = checkRace([first, second], db, problems)
    return {kind: 'second while first holds', writers, problems}
  } finally {
    remove(cwd)
  }
}

/** Edits of a saved plan (quickstart, then recall 5 → 10, a new account carol in the team, the webhook moved). */
const EDITS = {
  'changed value': (plan) => {
    plan.changes[0].after = {...plan.changes[0].after, recallLimitMinutes: 120}
  },
  'webhook pointed at another host': (plan) => {
    const webhook = plan.changes.find((c) => c.address === 'app.demo.webhook')
    webhook.after = {...webhook.after, url: 'https://collector.attacker.test/im'}
  },
  'reordered waves': (plan) => {
    plan.changes.reverse()
    plan.changes.forEach((change, index) => {
      change.wave = index
    })
  },
  'added delete': (plan) => {
    plan.changes.push({
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
  'emptied live fingerprints': (plan) => {
    plan.liveFingerprints = {}
  },
  'one live fingerprint removed': (plan) => {
    delete plan.liveFingerprints['app.demo.group.team']
  },
}

async function savedPlanFolder() {
  const cwd = workspace({})
  cpSync(join(ROOT, 'examples', 'quickstart'), cwd, {recursive: true, filter: (source) => !source.includes('.chatcfg')})
  await runCli(['apply', '--auto-approve'], {cwd})
  const file = join(cwd, 'chatcfg.yaml')
  writeFileSync(
    file,
    readFileSync(file, 'utf8')
      .replace('recallLimitMinutes: 5', 'recallLimitMinutes: 10')
      .replace('https://hooks.example.com/im', 'https://hooks.example.com/im2')
      .replace('members: [bob]', 'members: [bob, carol]')
      .replace('bob: { nick: Bob }', 'bob: { nick: Bob }\n      carol: { nick: Carol }'),
  )
  const planned = await runCli(['plan', '--out', 'plan.json'], {cwd})
  if (planned.code !== 0) throw new Error(`plan --out failed: ${planned.output}`)
  return cwd
}

/** Whether the edited configuration is still wholly unapplied: its plan has the same four changes. */
async function untouched(cwd) {
  const plan = await runCli(['plan', '--format', 'json'], {cwd})
  return JSON.parse(plan.output).changes?.length === 4
}

async function tamperedPlans() {
  const cwd = await savedPlanFolder()
  const problems = []
  try {
    const original = readFileSync(join(cwd, 'plan.json'), 'utf8')
    for (const [name, edit] of Object.entries(EDITS)) {
      const saved = JSON.parse(original)
      edit(saved.plan)
      saved.plan.fingerprint = planFingerprint(saved.plan.changes)
      writeFileSync(join(cwd, 'plan.json'), JSON.stringify(saved, null, 2))
      const run = await runCli(['apply', 'plan.json', '--auto-approve'], {cwd})
      if (run.code !== 1 || !/Nothing applied; plan again/.test(run.output))
        problems.push(`${name}: exited ${run.code}: ${run.output.trim().split('\n').at(-1)}`)
      if (!(await untouched(cwd))) problems.push(`${name}: something was applied`)
    }
    return {edits: Object.keys(EDITS).length, problems}
  } finally {
    remove(cwd)
  }
}

async function savedPlanWhileLiveMoves() {
  const cwd = await savedPlanFolder()
  const problems = []
  try {
    const holder = Emulator.open({path: join(cwd, '.chatcfg', 'emulator.db'), create: false})
    const release = await holder.lock('the campaign moving live state')
    const run = startApply(cwd, ['apply', 'plan.json', '--auto-approve'], 0)
    await until(() => run.stderr.includes(WAITING) || run.finished)
    await holder.apply({action: 'update', kind: 'messages', address: 'app.demo.messages', appKey: 'demo', name: 'messages', after: {recallLimitMinutes: 30}})
    release()
    holder.close()
    await run.exited
    if (run.code !== 1 || !/is not what apply would do now \(live state moved while this apply waited for process/.test(run.stderr))
      problems.push(`a saved plan applied while live state moved: exited ${run.code}: ${run.stderr.trim()}`)
    return {problems}
  } finally {
    remove(cwd)
  }
}

export async function concurrencyCampaign({races = 10} = {}) {
  const results = []
  for (let i = 0; i < races; i++) results.push(await releasedTogether(), await secondWhileFirstHolds())
  const tampered = await tamperedPlans()
  const moving = await savedPlanWhileLiveMoves()
  const of = (kind) => results.filter((r) => r.kind === kind)
  return {
    campaign: 'concurrency',
    races: results.length,
    releasedTogether: of('released together').length,
    releasedTogetherOneWriter: of('released together').filter((r) => r.writers === 1).length,
    secondWhileFirstHolds: of('second while first holds').length,
    secondRefused: of('second while first holds').filter((r) => r.writers === 1).length,
    secondAppliedAfterPlanningAgainstTheFirst: of('second while first holds').filter((r) => r.writers === 2).length,
    savedPlanEditsRefused: tampered.edits - new Set(tampered.problems.map((p) => p.split(':')[0])).size,
    savedPlanEdits: tampered.edits,
    savedPlanWhileLiveMovesRefused: moving.problems.length === 0 ? 1 : 0,
    problems: [...results.flatMap((r, i) => r.problems.map((p) => `race ${i + 1} (${r.kind}): ${p}`)), ...tampered.problems, ...moving.problems],
  }
}
