// Runs every reliability campaign to its full count and records the figures in reliability/results/.
// Usage: node reliability/run.mjs [--quick] [--only faults,crashes,fuzz,secrets,attack,limits,concurrency] [--out DIR]
// --quick runs a short seeded slice of each (what the tests run); its figures go to --out only.
import {writeFileSync} from 'node:fs'
import {cpus} from 'node:os'
import {join} from 'node:path'
import {attackCampaign} from './attack-campaign.mjs'
import {ROOT} from './common.mjs'
import {concurrencyCampaign} from './concurrency-campaign.mjs'
import {crashCampaign} from './crash-campaign.mjs'
import {faultCampaign} from './fault-campaign.mjs'
import {fuzzCampaign} from './fuzz-campaign.mjs'
import {inputLimitsCampaign} from './input-limits-campaign.mjs'
import {secretsCampaign} from './secrets-campaign.mjs'

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : quick ? undefined : join(ROOT, 'reliability', 'results')
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : ['faults', 'crashes', 'fuzz', 'secrets', 'attack', 'limits', 'concurrency']
const campaigns = {
  faults: () => faultCampaign({runs: quick ? 20 : 500}),
  crashes: () => crashCampaign({runs: quick ? 3 : 50}),
  fuzz: () => fuzzCampaign({inputs: quick ? 300 : 10_000}),
  secrets: () => secretsCampaign(),
  attack: () => attackCampaign(),
  limits: () => inputLimitsCampaign({quick}),
  concurrency: () => concurrencyCampaign({races: quick ? 1 : 10}),
}

let failed = false
for (const name of only) {
  const start = performance.now()
  const result = await campaigns[name]()
  const seconds = Number(((performance.now() - start) / 1000).toFixed(1))
  const record = {...result, seconds, machine: {cpus: cpus().length, model: cpus()[0]?.model, node: process.version}, at: new Date().toISOString()}
  if (out) writeFileSync(join(out, `${name}.json`), `${JSON.stringify(record, null, 2)}\n`)
  const {problems, detail: _detail, ...figures} = record
  console.log(`${name}: ${problems.length === 0 ? 'ok' : `${problems.length} PROBLEMS`} ${JSON.stringify(figures)}`)
  for (const problem of problems.slice(0, 20)) console.log(`  ${problem}`)
  if (problems.length > 0) failed = true
}
process.exitCode = failed ? 1 : 0
