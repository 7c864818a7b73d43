// The account's limit: 300 fully configured premium apps (bench/configs.mjs, accountLimitYaml), through the
// whole CLI in fresh processes on the emulator: validate, apply from empty, the plan with nothing to do, and
// one changed setting planned and applied. Every command with wall time, CPU time and peak memory, next to
// `node -e ''` measured in the same run and to its target.
// Usage: node bench/workload.mjs [--apps N] [--runs N] [--change-runs N] [--out FILE]
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {cpus, tmpdir} from 'node:os'
import {join} from 'node:path'
import {accountLimitYaml, writeAccountLimitWorkload} from './configs.mjs'
import {loadAverage, measure, summarize} from './measure.mjs'
import {profileStages} from './stage-profile.mjs'

const root = join(import.meta.dirname, '..')
const args = process.argv.slice(2)
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback)
const apps = Number(option('--apps', '300'))
const runs = Number(option('--runs', '3'))
// The one-change plan and apply are held to a 10% ratio of two medians, each spread over about ±8% on this
// machine: more rounds than the other rows, so that the ratio says more than the spread.
const changeRuns = Number(option('--change-runs', '7'))
const out = option('--out', join(root, 'bench', 'results', 'workload.json'))

const cwd = mkdtempSync(join(tmpdir(), 'chatcfg-workload-'))
const env = {PATH: process.env.PATH ?? '', HOME: cwd, NO_COLOR: '1', BENCH_WEBHOOK_TOKEN: 'bench-token', BENCH_P12_PASSWORD: 'bench-password'}
const node = (...argv) => [process.execPath, ...argv]
const chatcfg = (...argv) => node(join(root, 'bin', 'run.js'), ...argv)
const repeat = (argv, expect = 0) => summarize(Array.from({length: runs}, () => measure(argv, {cwd, env, expect})))

try {
  const loadBefore = loadAverage()
  const yamlBytes = writeAccountLimitWorkload(cwd, apps)
  const baseline = repeat(node('-e', ''))
  const validate = repeat(chatcfg('validate'))
  const applyFromEmpty = summarize([measure(chatcfg('apply', '--auto-approve'), {cwd, env})])
  const planNothingToDo = repeat(chatcfg('plan', '--detailed-exitcode'))
  // One more plan with nothing to do, under the profiler: where its CPU goes.
  const profile = profileStages('plan', {cwd, env})
  // One setting changed in one app: planned (exit 2), then applied; each apply is undone by the next, so every run applies one change.
  const planOneChange = []
  const applyOneChange = []
  for (let r = 0; r < changeRuns; r++) {
    writeFileSync(join(cwd, 'chatcfg.yaml'), accountLimitYaml(apps, r % 2 === 0 ? 1 : 0))
    planOneChange.push(measure(chatcfg('plan', '--detailed-exitcode'), {cwd, env, expect: 2}))
    applyOneChange.push(measure(chatcfg('apply', '--auto-approve'), {cwd, env}))
  }
  const plan = summarize(planOneChange)
  const apply = summarize(applyOneChange)
  const rows = [
    {command: "node -e ''", ...baseline, target: 'baseline'},
    {command: 'chatcfg validate', ...validate, target: null},
    {command: 'chatcfg apply, from empty', ...applyFromEmpty, target: 'peak memory ≤ 300 MB', met: applyFromEmpty.peakMiB * 2 ** 20 <= 300e6},
    {
      command: 'chatcfg plan, nothing to do',
      ...planNothingToDo,
      target: '≤ 1.2 s wall on a quiet core; peak memory ≤ 250 MB',
      met: planNothingToDo.wallMs <= 1200 && planNothingToDo.peakMiB * 2 ** 20 <= 250e6,
    },
    {command: 'chatcfg plan, one change', ...plan, target: null},
    {command: 'chatcfg apply, one change', ...apply, target: '≤ the plan of that change + 10% (CPU)', met: apply.cpuMs <= plan.cpuMs * 1.1},
  ]
  const machine = {node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown'}
  const result = {
    benchmark: 'workload',
    date: new Date().toISOString(),
    machine,
    apps,
    runs,
    changeRuns,
    yamlBytes,
    loadAverage: {before: loadBefore, after: loadAverage()},
    rows,
    planProfile: profile,
  }
  console.log(
    `account limit: ${apps} apps, ${(yamlBytes / 2 ** 20).toFixed(1)} MiB of YAML, ${runs} runs each (${changeRuns} of the one change planned and applied); ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}; load ${result.loadAverage.before.join(' ')}`,
  )
  console.log('| command | wall, median (p10–p90) | CPU, median (p10–p90) | CPU × node | peak memory | target | met |')
  console.log('|---|---|---|---|---|---|---|')
  for (const row of rows)
    console.log(
      `| ${row.command} | ${row.wallMs} ms (${row.wallP10Ms}–${row.wallP90Ms}) | ${row.cpuMs} ms (${row.cpuP10Ms}–${row.cpuP90Ms}) | ${(row.cpuMs / baseline.cpuMs).toFixed(2)} | ${row.peakMiB} MiB | ${row.target ?? ''} | ${row.met === undefined ? '' : row.met ? 'yes' : 'no'} |`,
    )
  console.log(`\nwhere the plan with nothing to do spends its CPU (one run through the library under the profiler, ${profile.totalMs} ms sampled):`)
  console.log('| stage | CPU | share |')
  console.log('|---|---|---|')
  for (const {stage, ms, share} of profile.stages) console.log(`| ${stage} | ${ms} ms | ${(share * 100).toFixed(1)}% |`)
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`)
} finally {
  rmSync(cwd, {recursive: true, force: true})
}
