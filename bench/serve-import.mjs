// Importing accounts and groups through `emulator serve` with the tencentcloud provider, over real HTTP
// with simulated network latency: HTTP requests per endpoint against the minimum the documented batch
// sizes allow, the achieved request rate against each endpoint's documented limit, and throttling
// errors received. Usage: node bench/serve-import.mjs [--accounts N] [--groups N] [--latency MS] [--out FILE]
import {fork} from 'node:child_process'
import {once} from 'node:events'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {cpus, loadavg, tmpdir} from 'node:os'
import {join} from 'node:path'
import {applyPlan} from '../dist/apply/apply-plan.js'
import {preparePlan} from '../dist/index.js'
import {Emulator} from '../dist/providers/emulator/emulator.js'
import {camRate} from '../dist/wire/cloud-api.js'
import {BATCH, restRate} from '../dist/wire/rest-v4.js'

const root = join(import.meta.dirname, '..')
const args = process.argv.slice(2)
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback)
const accounts = Number(option('--accounts', '10000'))
const groups = Number(option('--groups', '1000'))
const latencyMs = Number(option('--latency', '20'))
const out = option('--out', join(root, 'bench', 'results', 'serve-import.json'))

const APP_KEY = 'bench-app-secret-key-0000000000000000000000000000000000000000000'
const credentials = {secretId: 'AKIDchatcfgBENCH00000000000000000000', secretKey: 'bench-api-secret-key'}
const env = {
  ...process.env,
  TENCENTCLOUD_SECRET_ID: credentials.secretId,
  TENCENTCLOUD_SECRET_KEY: credentials.secretKey,
  CHATCFG_APP_SECRET_KEY: APP_KEY,
  CHATCFG_FINGERPRINT_KEY: 'bench',
}
const userId = (i) => `user${String(i).padStart(5, '0')}`
const MEMBERS_PER_GROUP = 10

function configuration(url) {
  const lines = [
    'version: 1',
    'provider:',
    `  tencentcloud: { region: singapore, uin: 100000000001, endpoint: ${url} }`,
    'apps:',
    '  bench:',
    '    name: Bench',
    '    sdkAppId: 1400000000',
    '    edition: premium',
    '    accounts:',
  ]
  for (let i = 0; i < accounts; i++) lines.push(`      ${userId(i)}: { nick: User ${i} }`)
  lines.push('    groups:')
  for (let g = 0; g < groups; g++) {
    const members = Array.from({length: MEMBERS_PER_GROUP - 1}, (_, k) => userId((g * MEMBERS_PER_GROUP + k + 1) % accounts))
    lines.push(
      `      group${String(g).padStart(4, '0')}: { type: Public, name: Group ${g}, owner: ${userId((g * MEMBERS_PER_GROUP) % accounts)}, members: [${members.join(', ')}] }`,
    )
  }
  return `${lines.join('\n')}\n`
}

/** Asks the server process something over IPC and waits for its answer. */
async function ask(child, message) {
  child.send(message)
  const [answer] = await once(child, 'message')
  return answer
}

const loadAverageAtStart = loadavg().map((l) => Number(l.toFixed(2)))
const cwd = mkdtempSync(join(tmpdir(), 'chatcfg-serve-bench-'))
const database = join(cwd, 'emulator.db')
// The app exists before the run, as one made in the console; its console settings are recorded up front.
const seed = Emulator.open({path: database, account: {uin: 100000000001}})
await seed.apply({action: 'create', kind: 'app', address: 'app.bench', name: 'bench', after: {name: 'Bench', edition: 'premium'}})
seed.close()
const child = fork(join(import.meta.dirname, 'serve-child.mjs'), [database, String(latencyMs), credentials.secretId, credentials.secretKey, APP_KEY])
try {
  const [{url}] = await once(child, 'message')
  const server = {url}
  writeFileSync(join(cwd, 'chatcfg.yaml'), configuration(server.url))
  // Console steps (the app's settings) are confirmed without touching the service: the settings are already the console's defaults.
  const operator = async () => ({})

  const planStart = performance.now()
  const planning = await preparePlan({paths: ['chatcfg.yaml'], cwd, env})
  if (!planning.ok) throw new Error(planning.diagnostics.map((d) => d.message).join('; '))
  const planMs = performance.now() - planStart
  const {stats: readStats} = await ask(child, 'stats')
  await ask(child, 'reset')

  // CPU of both processes during apply: on a shared machine the rate is bounded by the CPU they get.
  const {cpu: serverCpuBefore} = await ask(child, 'cpu')
  const clientCpuBefore = process.cpuUsage()
  const applyStart = performance.now()
  const report = await applyPlan(planning.plan, planning.provider, planning.secrets, {operator})
  const applyMs = performance.now() - applyStart
  const clientCpu = process.cpuUsage(clientCpuBefore)
  const {cpu: serverCpu} = await ask(child, 'cpu')
  const cpuMs = (usage) => Math.round((usage.user + usage.system) / 1000)
  const applyCpuMs = {client: cpuMs(clientCpu), server: cpuMs(serverCpu) - cpuMs(serverCpuBefore)}
  planning.provider.close()
  if (!report.ok) throw new Error(`apply failed: ${JSON.stringify(report.results.find((r) => r.status !== 'applied'))}`)
  const {stats: writeStats} = await ask(child, 'stats')

  const again = await preparePlan({paths: ['chatcfg.yaml'], cwd, env})
  again.provider.close()
  const converged = again.ok && again.plan.changes.length === 0

  const minimum = {
    'im_open_login_svc/account_check': Math.ceil(accounts / BATCH.accounts),
    'group_open_http_svc/get_appid_group_list': 1,
    'im_open_login_svc/multiaccount_import': Math.ceil(accounts / BATCH.accounts),
    'group_open_http_svc/create_group': groups,
  }
  const rows = [
    ...Object.entries(readStats).map(([endpoint, s]) => ({phase: 'plan', endpoint, ...s})),
    ...Object.entries(writeStats).map(([endpoint, s]) => ({phase: 'apply', endpoint, ...s})),
  ].map((row) => {
    const seconds = (row.lastAt - row.firstAt) / 1000
    const rate = row.requests > 1 && seconds > 0 ? (row.requests - 1) / seconds : undefined
    const limit = row.endpoint.includes(':') ? camRate(row.endpoint) : restRate(row.endpoint)
    return {
      phase: row.phase,
      endpoint: row.endpoint,
      requests: row.requests,
      minimum: minimum[row.endpoint] ?? null,
      throttled: row.throttled,
      // Sustained rate, meaningful once an endpoint gets more calls than fit in one second.
      ratePerSecond: rate === undefined || row.requests <= limit ? null : Number(rate.toFixed(1)),
      peakPerSecond: row.peakPerSecond,
      limitPerSecond: limit,
      shareOfLimit: Number((row.peakPerSecond / limit).toFixed(3)),
    }
  })
  const result = {
    machine: {cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadAverage: loadAverageAtStart},
    accounts,
    groups,
    membersPerGroup: MEMBERS_PER_GROUP,
    latencyMs,
    planMs: Math.round(planMs),
    applyMs: Math.round(applyMs),
    applyCpuMs,
    converged,
    rows,
  }
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`)
  console.log(
    `serve import: ${accounts} accounts, ${groups} groups, ${latencyMs} ms latency; plan ${result.planMs} ms, apply ${result.applyMs} ms, converged ${converged}`,
  )
  console.log(`apply CPU: client ${applyCpuMs.client} ms, served emulator ${applyCpuMs.server} ms; load average at start ${loadAverageAtStart.join(', ')}`)
  console.log('phase  endpoint                                   requests  minimum  throttled  rate/s  peak/s  limit/s  peak share')
  for (const r of rows)
    console.log(
      `${r.phase.padEnd(6)} ${r.endpoint.padEnd(42)} ${String(r.requests).padStart(8)} ${String(r.minimum ?? '-').padStart(8)} ${String(r.throttled).padStart(10)} ${String(r.ratePerSecond ?? '-').padStart(7)} ${String(r.peakPerSecond).padStart(7)} ${String(r.limitPerSecond).padStart(8)} ${String(r.shareOfLimit).padStart(11)}`,
    )
} finally {
  child.send('stop')
  await once(child, 'exit')
  rmSync(cwd, {recursive: true, force: true})
}
