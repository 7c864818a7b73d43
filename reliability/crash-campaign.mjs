// Crash campaign: `chatcfg apply` in its own process, killed with SIGKILL at a seeded moment. Afterwards
// the emulator's database must pass SQLite's own checks, the journal must claim only what was stored,
// and the next apply must converge to no changes.
import {spawn, spawnSync} from 'node:child_process'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {BENCH_ENV, configurationYaml} from '../bench/configs.mjs'
import {Emulator} from '../dist/providers/emulator/emulator.js'
import {BIN, changeLog, random, remove, workspace} from './common.mjs'

const env = (extra = {}) => ({PATH: process.env.PATH ?? '', NO_COLOR: '1', ...BENCH_ENV, ...extra})

function killedApply(cwd, delayMs, seed) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'apply', '--auto-approve'], {
      cwd,
      env: env({CHATCFG_EMULATOR_FAULTS: `seed=${seed},latency=20`}),
      stdio: 'ignore',
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs)
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      resolve({code, signal})
    })
  })
}

async function crashRun(seed) {
  const cwd = workspace({'chatcfg.yaml': configurationYaml(3)})
  const problems = []
  try {
    const delayMs = 300 + Math.floor(random(seed)() * 1000)
    const outcome = await killedApply(cwd, delayMs, seed)
    const database = join(cwd, '.chatcfg', 'emulator.db')
    let stored = []
    if (existsSync(database)) {
      const emulator = Emulator.open({path: database, create: false})
      problems.push(...emulator.integrityProblems().map((p) => `database: ${p}`))
      emulator.close()
      stored = changeLog(database)
    }
    const journalPath = join(cwd, '.chatcfg', 'last-apply.json')
    const killed = outcome.signal === 'SIGKILL'
    let claimed = 0
    // The journal trails what was stored by at most 100 ms of work: 8 changes in flight, 20 ms each.
    const LAG = 60
    if (!existsSync(journalPath) && stored.length > LAG) problems.push(`journal: missing, with ${stored.length} changes stored`)
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
        if (!stored.some((row) => row.address === result.address && row.action === result.action))
          problems.push(`journal: ${result.action} ${result.address} claimed, not stored`)
      }
      if (killed && journal?.finished !== false) problems.push('journal: a killed apply left it marked finished')
      if (!killed && (journal?.finished !== true || journal?.ok !== true)) problems.push('journal: a completed apply left it unfinished or not ok')
      const behind = stored.length - claimed
      if (killed ? behind > LAG : behind !== 0) problems.push(`journal: claims ${claimed} changes, ${stored.length} were stored`)
    }
    const again = spawnSync(process.execPath, [BIN, 'apply', '--auto-approve'], {cwd, env: env(), encoding: 'utf8'})
    if (again.status !== 0) problems.push(`re-apply exited ${again.status}: ${(again.stderr || again.stdout).split('\n').slice(-3).join(' ')}`)
    const settled = spawnSync(process.execPath, [BIN, 'plan', '--detailed-exitcode'], {cwd, env: env(), encoding: 'utf8'})
    if (settled.status !== 0) problems.push(`plan after re-apply exited ${settled.status}`)
    return {seed, delayMs, killed, stored: stored.length, claimed, problems}
  } finally {
    remove(cwd)
  }
}

export async function crashCampaign({runs = 50, firstSeed = 1} = {}) {
  const results = []
  for (let i = 0; i < runs; i++) results.push(await crashRun(firstSeed + i))
  return {
    campaign: 'crashes',
    runs: results.length,
    killedMidApply: results.filter((r) => r.killed && r.stored > 0).length,
    killedBeforeAnyWrite: results.filter((r) => r.killed && r.stored === 0).length,
    finishedBeforeKill: results.filter((r) => !r.killed).length,
    changesStoredBeforeKill: results.reduce((n, r) => n + r.stored, 0),
    changesClaimedByJournals: results.reduce((n, r) => n + r.claimed, 0),
    largestJournalLag: Math.max(0, ...results.filter((r) => r.killed).map((r) => r.stored - r.claimed)),
    problems: results.flatMap((r) => r.problems.map((p) => `seed ${r.seed} (kill at ${r.delayMs} ms): ${p}`)),
  }
}
