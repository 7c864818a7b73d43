// Fault campaign: seeded applies against the emulator, in process and through `emulator serve`, with
// injected failures, throttling, latency and dropped answers. Every run must end in success or a partial
// failure whose report matches what the emulator stored; the next apply must converge to no changes,
// with nothing lost or stored twice.
import {join} from 'node:path'
import {BENCH_ENV, configurationYaml} from '../bench/configs.mjs'
import {applyPlan} from '../dist/apply/apply-plan.js'
import {preparePlan} from '../dist/index.js'
import {Emulator} from '../dist/providers/emulator/emulator.js'
import {serveEmulator} from '../dist/providers/emulator/serve/server.js'
import {changeLog, remove, reportMismatches, workspace} from './common.mjs'

const APP_KEY = 'reliability-app-secret-key-000000000000000000000000000000000000'
const CLOUD = {secretId: 'AKIDchatcfgRELIABILITY0000000000000', secretKey: 'reliability-api-secret-key'}
const SERVED_ENV = {
  TENCENTCLOUD_SECRET_ID: CLOUD.secretId,
  TENCENTCLOUD_SECRET_KEY: CLOUD.secretKey,
  CHATCFG_APP_SECRET_KEY: APP_KEY,
  CHATCFG_FINGERPRINT_KEY: 'reliability',
}

const faultSpec = (seed) => ({seed, failureRate: 0.08, throttleRate: 0.08, dropRate: 0.04, latencyMs: seed % 3})
const specText = (f) => `seed=${f.seed},failure=${f.failureRate},throttle=${f.throttleRate},drop=${f.dropRate},latency=${f.latencyMs}`

async function plan(cwd, env) {
  const planning = await preparePlan({paths: ['chatcfg.yaml'], cwd, env, retry: {retries: 3, minDelayMs: 1}})
  if (!planning.ok) throw new Error(planning.diagnostics.map((d) => `${d.code}: ${d.message}`).join('; '))
  return planning
}

/** Applies until nothing is left, without faults; returns how many applies that took, or throws. */
async function converge(cwd, env, operator) {
  for (let round = 1; round <= 3; round++) {
    const planning = await plan(cwd, env)
    if (planning.plan.changes.length === 0) {
      planning.provider.close()
      return round - 1
    }
    const report = await applyPlan(planning.plan, planning.provider, planning.secrets, {operator})
    planning.provider.close()
    if (!report.ok) throw new Error(`clean apply failed: ${JSON.stringify(report.results.find((r) => r.status !== 'applied'))}`)
  }
  throw new Error('no convergence after 3 clean applies')
}

/** One run against the emulator in process. */
async function inProcessRun(seed) {
  const cwd = workspace({'chatcfg.yaml': configurationYaml(1)})
  try {
    const faults = faultSpec(seed)
    const planning = await plan(cwd, {...BENCH_ENV, CHATCFG_EMULATOR_FAULTS: specText(faults)})
    const report = await applyPlan(planning.plan, planning.provider, planning.secrets, {})
    const injected = {...planning.provider.faults.injected}
    planning.provider.close()
    const problems = reportMismatches(report, changeLog(join(cwd, '.chatcfg', 'emulator.db')))
    const cleanApplies = await converge(cwd, BENCH_ENV)
    return {seed, path: 'in-process', ok: report.ok, changes: report.results.length, injected, problems, cleanApplies}
  } finally {
    remove(cwd)
  }
}

const servedConfig = (url) => `version: 1
provider:
  tencentcloud: { region: singapore, uin: 100000000001, endpoint: ${url} }
apps:
  support:
    name: Support
    sdkAppId: 1400000000
    edition: premium
    tags: { team: support }
    accounts:
${Array.from({length: 40}, (_, i) => `      user${i}: { nick: User ${i}${i % 4 === 0 ? ', gender: female' : ''} }`).join('\n')}
    groups:
${Array.from({length: 6}, (_, i) => `      g${i}: { type: Public, name: Group ${i}, owner: user${i}, members: [user${i + 10}, user${i + 20}] }`).join('\n')}
policies:
  readers:
    statements: [{ effect: allow, actions: ["im:Describe*"], apps: [support] }]
    attach: { users: [100000000011] }
`

/** One run through `emulator serve` with the tencentcloud provider, the faults on the service's side. */
async function servedRun(seed) {
  const cwd = workspace({})
  const path = join(cwd, 'emulator.db')
  const faults = faultSpec(seed)
  const console = Emulator.open({path, account: {uin: 100000000001, subUsers: [100000000011]}})
  await console.apply({action: 'create', kind: 'app', address: 'app.support', name: 'support', after: {name: 'Support', edition: 'premium'}})
  const service = Emulator.open({path, faults})
  // The service's rate limits are lifted a hundredfold: this campaign is about faults, the limits have their own.
  const server = await serveEmulator(service, {credentials: CLOUD, appSecretKey: () => APP_KEY, rateMultiplier: 100})
  // Console steps are made on the console's side, which the faults do not touch.
  const operator = async () => ({})
  try {
    const {writeFileSync} = await import('node:fs')
    writeFileSync(join(cwd, 'chatcfg.yaml'), servedConfig(server.url))
    const planning = await plan(cwd, SERVED_ENV)
    const report = await applyPlan(planning.plan, planning.provider, planning.secrets, {operator})
    planning.provider.close()
    const log = changeLog(path)
    // Through the wire a change may take several calls, and console steps are recorded, not sent: an applied
    // account, group or policy must have been stored, and nothing created twice.
    const problems = []
    for (const result of report.results) {
      const api = /\.(account|group)\./.test(result.address) || result.address.startsWith('policy.')
      if (!api) continue
      const stored = log.some((row) => row.address === result.address && row.action === result.action)
      if (result.status === 'applied' && !log.some((row) => row.address === result.address)) problems.push(`${result.address}: reported applied, not stored`)
      // A creation or deletion the report calls failed (outcome known) or never tried must not have happened.
      if (result.action !== 'update' && stored && (result.status === 'not-attempted' || (result.status === 'failed' && !result.error?.outcomeUnknown)))
        problems.push(`${result.action} ${result.address}: reported ${result.status}, but stored`)
    }
    const creates = new Map()
    for (const row of log) if (row.action === 'create') creates.set(row.address, (creates.get(row.address) ?? 0) + 1)
    for (const [address, count] of creates) if (count > 1) problems.push(`${address}: created ${count} times`)
    const injected = {...service.faults.injected}
    service.faults.options.failureRate = 0
    service.faults.options.throttleRate = 0
    service.faults.options.dropRate = 0
    const cleanApplies = await converge(cwd, SERVED_ENV, operator)
    return {seed, path: 'served', ok: report.ok, changes: report.results.length, injected, problems, cleanApplies}
  } finally {
    await server.close()
    service.close()
    console.close()
    remove(cwd)
  }
}

/** Runs `runs` seeded runs, alternating in process and served; returns the totals and every problem found. */
export async function faultCampaign({runs = 500, firstSeed = 1} = {}) {
  const results = []
  for (let i = 0; i < runs; i++) {
    const seed = firstSeed + i
    try {
      results.push(i % 2 === 0 ? await inProcessRun(seed) : await servedRun(seed))
    } catch (error) {
      results.push({
        seed,
        path: i % 2 === 0 ? 'in-process' : 'served',
        ok: false,
        problems: [`run failed: ${error.message}`],
        injected: {failure: 0, throttle: 0, drop: 0},
      })
    }
  }
  const sum = (key) => results.reduce((n, r) => n + (r.injected?.[key] ?? 0), 0)
  return {
    campaign: 'faults',
    runs: results.length,
    inProcess: results.filter((r) => r.path === 'in-process').length,
    served: results.filter((r) => r.path === 'served').length,
    partialFailures: results.filter((r) => !r.ok).length,
    faultsInjected: {failure: sum('failure'), throttle: sum('throttle'), drop: sum('drop')},
    changesAttempted: results.reduce((n, r) => n + (r.changes ?? 0), 0),
    mostCleanAppliesToConverge: Math.max(0, ...results.map((r) => r.cleanApplies ?? 0)),
    problems: results.flatMap((r) => r.problems.map((p) => `seed ${r.seed} (${r.path}): ${p}`)),
  }
}
