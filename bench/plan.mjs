// Plan time at 1, 30 and 300 fully configured apps on the emulator (nothing to do, and 10% changed),
// the 300/30 ratio, apply from empty, and the peak memory of the largest plan. Each figure is the
// median of several runs with its spread. Usage: node bench/plan.mjs [--runs N] [--sizes 1,30,300] [--out FILE]
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {cpus, tmpdir} from 'node:os'
import {join} from 'node:path'
import {applyPlan} from '../dist/apply/apply-plan.js'
import {preparePlan, validateConfiguration} from '../dist/index.js'
import {BENCH_ENV, configurationYaml} from './configs.mjs'

const root = join(import.meta.dirname, '..')
const args = process.argv.slice(2)
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback)
const runs = Number(option('--runs', '5'))
const sizes = option('--sizes', '1,30,300').split(',').map(Number)
const out = option('--out', join(root, 'bench', 'results', 'plan.json'))

const quantile = (values, q) => values.toSorted((a, b) => a - b)[Math.min(values.length - 1, Math.round(q * (values.length - 1)))]
const summary = (values) => ({
  medianMs: Number(quantile(values, 0.5).toFixed(1)),
  p10Ms: Number(quantile(values, 0.1).toFixed(1)),
  p90Ms: Number(quantile(values, 0.9).toFixed(1)),
})
const env = {...process.env, ...BENCH_ENV}

async function timedPlan(cwd) {
  const start = performance.now()
  const planning = await preparePlan({paths: ['chatcfg.yaml'], cwd, env})
  const elapsed = performance.now() - start
  if (!planning.ok) throw new Error(planning.diagnostics.map((d) => d.message).join('; '))
  planning.provider.close()
  return {elapsed, changes: planning.plan.changes.length}
}

const rows = []
for (const apps of sizes) {
  const cwd = mkdtempSync(join(tmpdir(), 'chatcfg-plan-bench-'))
  try {
    writeFileSync(join(cwd, 'chatcfg.yaml'), configurationYaml(apps))
    // Validation alone: parse, schema and every offline rule, as `chatcfg validate` does.
    const validations = []
    for (let r = 0; r < runs; r++) {
      const start = performance.now()
      const loaded = validateConfiguration({paths: ['chatcfg.yaml'], cwd, env}).load
      validations.push(performance.now() - start)
      if (loaded.diagnostics.some((d) => d.severity === 'error')) throw new Error('the generated configuration is not valid')
    }
    // Apply from empty, once: the time is reported, and the emulator then holds the configuration.
    const setup = await preparePlan({paths: ['chatcfg.yaml'], cwd, env})
    const applyStart = performance.now()
    const report = await applyPlan(setup.plan, setup.provider, setup.secrets)
    const applyMs = performance.now() - applyStart
    setup.provider.close()
    if (!report.ok) throw new Error('setup apply failed')
    const unchanged = []
    for (let r = 0; r < runs; r++) unchanged.push((await timedPlan(cwd)).elapsed)
    writeFileSync(join(cwd, 'chatcfg.yaml'), configurationYaml(apps, 0.1))
    const changed = []
    let changes = 0
    for (let r = 0; r < runs; r++) {
      const result = await timedPlan(cwd)
      changed.push(result.elapsed)
      changes = result.changes
    }
    // The whole CLI, in a fresh process, with its peak memory (max resident set size, from /usr/bin/time).
    writeFileSync(join(cwd, 'chatcfg.yaml'), configurationYaml(apps))
    const cli = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, join(root, 'bin', 'run.js'), 'plan', '--detailed-exitcode'], {
      cwd,
      env,
      encoding: 'utf8',
    })
    const [wall, maxKb] = (cli.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number)
    if (cli.status !== 0) throw new Error(`chatcfg plan exited ${cli.status}: ${cli.stdout}${cli.stderr}`)
    rows.push({
      apps,
      resources: setup.plan.changes.length,
      applyFromEmptyMs: Math.round(applyMs),
      validate: summary(validations),
      planNothingToDo: summary(unchanged),
      planTenPercentChanged: {...summary(changed), changes},
      cliWallSeconds: wall,
      cliPeakMemoryMiB: Math.round(maxKb / 1024),
    })
  } finally {
    rmSync(cwd, {recursive: true, force: true})
  }
}

const by = (n) => rows.find((row) => row.apps === n)
const ratio = by(300) && by(30) ? Number((by(300).planNothingToDo.medianMs / by(30).planNothingToDo.medianMs).toFixed(2)) : undefined
const machine = {node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown'}
console.log(`plan on the emulator, ${runs} runs each; ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}`)
console.log(
  '| apps | changes from empty | validate | apply from empty | plan, nothing to do (median, p10–p90) | plan, 10% changed | whole CLI plan | peak memory |',
)
console.log('|---|---|---|---|---|---|---|---|')
for (const row of rows) {
  const a = row.planNothingToDo
  const b = row.planTenPercentChanged
  const v = row.validate
  console.log(
    `| ${row.apps} | ${row.resources} | ${v.medianMs} ms (${v.p10Ms}–${v.p90Ms}) | ${(row.applyFromEmptyMs / 1000).toFixed(2)} s | ${a.medianMs} ms (${a.p10Ms}–${a.p90Ms}) | ${b.medianMs} ms (${b.p10Ms}–${b.p90Ms}), ${b.changes} changes | ${row.cliWallSeconds} s | ${row.cliPeakMemoryMiB} MiB |`,
  )
}
if (ratio !== undefined) console.log(`300-app / 30-app plan time: ${ratio}`)
writeFileSync(out, `${JSON.stringify({benchmark: 'plan', date: new Date().toISOString(), machine, runs, rows, ratio300to30: ratio ?? null}, null, 2)}\n`)
