// Cold start of the CLI next to bare Node, measured in the same run: fresh processes, interleaved so
// that machine noise hits every command alike. Usage: node bench/cold-start.mjs [--runs N] [--out FILE]
import {spawnSync} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {cpus, totalmem} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback)
const runs = Number(option('--runs', '21'))
const out = option('--out', join(root, 'bench', 'results', 'cold-start.json'))

const commands = [
  {name: "node -e ''", argv: ['-e', '']},
  {name: 'chatcfg --version', argv: ['bin/run.js', '--version']},
  {name: 'chatcfg validate examples/quickstart', argv: ['bin/run.js', 'validate', 'examples/quickstart']},
]

const samples = new Map(commands.map((c) => [c.name, []]))
for (let run = 0; run < runs + 1; run++) {
  for (const command of commands) {
    const start = process.hrtime.bigint()
    const result = spawnSync(process.execPath, command.argv, {cwd: root, env: {...process.env, NO_COLOR: '1'}, stdio: 'pipe'})
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6
    if (result.status !== 0) throw new Error(`${command.name} exited ${result.status}: ${result.stderr}`)
    if (run > 0) samples.get(command.name).push(elapsed) // the first round warms the file cache
  }
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))]
const baseline = samples.get(commands[0].name).toSorted((a, b) => a - b)
const rows = commands.map(({name}) => {
  const sorted = samples.get(name).toSorted((a, b) => a - b)
  const median = quantile(sorted, 0.5)
  return {
    command: name,
    runs: sorted.length,
    medianMs: Number(median.toFixed(1)),
    p10Ms: Number(quantile(sorted, 0.1).toFixed(1)),
    p90Ms: Number(quantile(sorted, 0.9).toFixed(1)),
    ratioToNode: Number((median / quantile(baseline, 0.5)).toFixed(2)),
  }
})

const machine = {node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30)}
console.log(`cold start, ${runs} runs each, ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}`)
console.log("| command | median ms | p10–p90 ms | × node -e '' |")
console.log('|---|---|---|---|')
for (const row of rows) console.log(`| ${row.command} | ${row.medianMs} | ${row.p10Ms}–${row.p90Ms} | ${row.ratioToNode} |`)
writeFileSync(out, `${JSON.stringify({benchmark: 'cold-start', date: new Date().toISOString(), machine, rows}, null, 2)}\n`)
