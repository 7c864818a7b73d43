// Crash campaign: `chatcfg apply` in its own process, killed with SIGKILL at a seeded point. Afterwards
// the emulator's database must pass SQLite's own checks, the journal must claim only what was stored,
// and the next apply must converge to no changes.
import {spawn, spawnSync} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {BENCH_ENV, configurationYaml} from '../bench/configs.mjs'
import {Emulator} from '../dist/providers/emulator/emulator.js'
import {BIN, changeLog, random, remove, workspace} from './common.mjs'

const env = (extra = {}) => ({PATH: process.env.PATH ?? '', NO_COLOR: '1', ...BENCH_ENV, ...extra})

/** One progress line of apply: `[12/261] create app.app-0.group.team1: done`. */
const RESULT_LINE = /^\[(\d+)\/(\d+)\] (\S+) (\S+): (done|failed)/

/**
 * Where a run's kill lands. Most runs are killed once the apply has printed a seeded share of its
 * results, so they stop mid-apply (or, at the end of the range, just after it finished) however slow or
 * busy the machine is. Every fifth run is killed at a seeded moment after the process started, as it
 * comes: on a busy machine before the first write, on a quiet one anywhere up to after the end.
 */
export function killPoint(seed) {
  const draw = random(seed)
  return seed % 5 === 0 ? {afterMs: 300 + Math.floor(draw() * 1000)} : {afterShare: draw()}
}

function killedApply(cwd, point, seed) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'apply', '--auto-approve'], {
      cwd,
      env: env({CHATCFG_EMULATOR_FAULTS: `seed=${seed},latency=20`}),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const kill = () => child.kill('SIGKILL')
    const timer = point.afterMs === undefined ? undefined : setTimeout(kill, point.afterMs)
    const printed = []
    let partial = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      const lines = (partial + chunk).split('\n')
      partial = lines.pop() ?? ''
      for (const line of lines) {
        const match = RESULT_LINE.exec(line)
        if (!match) continue
        printed.push({address: match[4], action: match[3], status: match[5]})
        const total = Number(match[2])
        if (point.afterShare !== undefined && printed.length >= Math.max(1, Math.ceil(point.afterShare * total))) kill()
      }
    })
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({code, signal, printed, stderr})
    })
  })
}

async function crashRun(seed) {
  const cwd = workspace({'chatcfg.yaml': configurationYaml(3)})
  const problems = []
  const point = killPoint(seed)
  try {
    const outcome = await killedApply(cwd, point, seed)
    const database = join(cwd, '.chatcfg', 'emulator.db')
    let stored = []
    if (existsSync(database)) {
      const emulator = Emulator.open({path: database, create: false})
      problems.push(...emulator.integrityProblems().map((p) => `database: ${p}`))
      emulator.close()
      stored = changeLog(database)
    }
    const isStored = (change) => stored.some((row) => row.address === change.address && row.action === change.action)
    for (const change of outcome.printed)
      if (change.status === 'done' && !isStored(change)) problems.push(`output: ${change.action} ${change.address} printed done, not stored`)
    const journalPath = join(cwd, '.chatcfg', 'last-apply.json')
    const killed = outcome.signal === 'SIGKILL'
    if (!killed && outcome.code !== 0) problems.push(`apply exited ${outcome.code} before its kill: ${outcome.stderr.trim().split('\n').slice(-3).join(' ')}`)
    let claimed = 0
    let finished = false
    // An unfinished journal trails what was stored by at most 100 ms of work: 8 changes in flight, 20 ms each.
    const LAG = 60
    if (!existsSync(journalPath) && (stored.length > LAG || !killed)) problems.push(`journal: missing, with ${stored.length} changes stored`)
    if (existsSync(journalPath)) {
      let journal
      try {
        journal = JSON.parse(readFileSync(journalPath, 'utf8'))
      } catch {
        problems.push('journal: not valid JSON')
      }
      for (const result of journal?.results ?? []) {
        if (result.status !== 'applied') continue
        claimed++
        if (!isStored(result)) problems.push(`journal: ${result.action} ${result.address} claimed, not stored`)
      }
      finished = journal?.finished === true
      const behind = stored.length - claimed
      // A kill can land after the apply wrote its last journal, while the process was exiting: that journal
      // must then be the whole truth, as after a completed apply. Any other journal must say it is unfinished.
      if (finished) {
        if (journal?.ok !== true) problems.push(`journal: finished but not ok${killed ? ' (killed after it finished)' : ''}`)
        if (behind !== 0) problems.push(`journal: finished, claims ${claimed} changes, ${stored.length} were stored`)
      } else {
        if (!killed) problems.push('journal: a completed apply left it unfinished')
        if (behind > LAG) problems.push(`journal: claims ${claimed} changes, ${stored.length} were stored`)
      }
    }
    const again = spawnSync(process.execPath, [BIN, 'apply', '--auto-approve'], {cwd, env: env(), encoding: 'utf8'})
    if (again.status !== 0) problems.push(`re-apply exited ${again.status}: ${(again.stderr || again.stdout).split('\n').slice(-3).join(' ')}`)
    const settled = spawnSync(process.execPath, [BIN, 'plan', '--detailed-exitcode'], {cwd, env: env(), encoding: 'utf8'})
    if (settled.status !== 0) problems.push(`plan after re-apply exited ${settled.status}`)
    const when = point.afterMs === undefined ? `kill after ${outcome.printed.length} results printed` : `kill at ${point.afterMs} ms`
    return {seed, when, killed, finished, stored: stored.length, claimed, problems}
  } finally {
    remove(cwd)
  }
}

export async function crashCampaign({runs = 50, firstSeed = 1} = {}) {
  const results = []
  for (let i = 0; i < runs; i++) results.push(await crashRun(firstSeed + i))
  const killed = results.filter((r) => r.killed)
  return {
    campaign: 'crashes',
    runs: results.length,
    killedAfterResults: results.filter((r) => r.when.startsWith('kill after')).length,
    killedAtAMoment: results.filter((r) => r.when.startsWith('kill at')).length,
    killedMidApply: killed.filter((r) => r.stored > 0 && !r.finished).length,
    killedBeforeAnyWrite: killed.filter((r) => r.stored === 0).length,
    killedAfterJournalFinished: killed.filter((r) => r.finished).length,
    finishedBeforeKill: results.filter((r) => !r.killed).length,
    changesStoredBeforeKill: results.reduce((n, r) => n + r.stored, 0),
    changesClaimedByJournals: results.reduce((n, r) => n + r.claimed, 0),
    largestJournalLag: Math.max(0, ...killed.filter((r) => !r.finished).map((r) => r.stored - r.claimed)),
    problems: results.flatMap((r) => r.problems.map((p) => `seed ${r.seed} (${r.when}): ${p}`)),
  }
}
