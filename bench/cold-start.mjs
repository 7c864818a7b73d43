// Cold start of the CLI next to bare Node, measured in the same run: fresh processes, interleaved so that
// machine noise hits every command alike, in a clean environment (PATH, HOME, NO_COLOR): variables such as
// NODE_EXTRA_CA_CERTS or NODE_OPTIONS add their own cost to every start of Node, the baseline's included.
// `plan` runs on the quickstart example after it has been applied to the emulator. When the caller's
// environment sets NODE_* variables, the same commands run again with them, reported apart.
// Floors, measured in the same run: bundles built here as a command's is (scripts/bundle.mjs: same options, code cache after a
// run) of what a command cannot do without while oclif is its framework (bench/floor/*.mjs), and Node loading better-sqlite3.
// Usage: node bench/cold-start.mjs [--runs N] [--out FILE]
import {cpSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {cpus, tmpdir} from 'node:os'
import {join} from 'node:path'
import {bundleCommand} from '../scripts/bundle.mjs'
import {loadAverage, measure, summarize} from './measure.mjs'

const root = join(import.meta.dirname, '..')
const args = process.argv.slice(2)
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback)
const runs = Number(option('--runs', '21'))
const out = option('--out', join(root, 'bench', 'results', 'cold-start.json'))

const cwd = mkdtempSync(join(tmpdir(), 'chatcfg-cold-start-'))
const env = {PATH: process.env.PATH ?? '', HOME: cwd, NO_COLOR: '1'}
const bin = join(root, 'bin', 'run.js')
/** Floor bundles sit beside the commands' (their modules find dist/ from there), named apart, removed after the run. */
const floors = ['oclif', 'emulator'].map((name) => {
  const file = join(root, 'dist', 'bundle', `floor-${name}.cjs`)
  return {id: `floor-${name}`, entry: join(root, 'bench', 'floor', `${name}.mjs`), file, cache: `${file}.cache`}
})
const floorRun = join(root, 'bench', 'floor', 'run.cjs')
const betterSqlite3 = createRequire(import.meta.url).resolve('better-sqlite3')
const commands = [
  {name: "node -e ''", argv: ['-e', ''], target: null},
  {name: 'chatcfg --version', argv: [bin, '--version'], target: null},
  {name: 'chatcfg validate (quickstart)', argv: [bin, 'validate'], target: 2},
  {name: 'chatcfg plan (quickstart, applied)', argv: [bin, 'plan', '--detailed-exitcode'], target: 2.5},
  {name: "floor: oclif parsing validate's arguments, bundled", argv: [floorRun, floors[0].file], target: null},
  {name: 'floor: the same with the emulator database opened and node:crypto', argv: [floorRun, floors[1].file, '--detailed-exitcode'], target: null},
  {
    name: 'floor: node opening the emulator database with better-sqlite3',
    argv: ['-e', `new (require(${JSON.stringify(betterSqlite3)}))('.chatcfg/emulator.db', {fileMustExist: true}).close()`],
    target: null,
  },
]

/** Every command `runs` times (after a round that warms the file cache), interleaved, each next to the first. */
function measureAll(environment) {
  const samples = new Map(commands.map((c) => [c.name, []]))
  for (let run = 0; run < runs + 1; run++) {
    for (const command of commands) {
      const sample = measure([process.execPath, ...command.argv], {cwd, env: environment})
      if (run > 0) samples.get(command.name).push(sample)
    }
  }
  const baseline = summarize(samples.get(commands[0].name))
  return commands.map(({name, target}) => {
    const summary = summarize(samples.get(name))
    const cpuRatio = Number((summary.cpuMs / baseline.cpuMs).toFixed(2))
    return {
      command: name,
      ...summary,
      cpuRatioToNode: cpuRatio,
      wallRatioToNode: Number((summary.wallMs / baseline.wallMs).toFixed(2)),
      target,
      met: target === null ? null : cpuRatio <= target,
    }
  })
}

function table(rows) {
  console.log("| command | CPU, median (p10–p90) | CPU × node -e '' | wall, median (p10–p90) | wall × node | peak memory | target (CPU) | met |")
  console.log('|---|---|---|---|---|---|---|---|')
  for (const row of rows)
    console.log(
      `| ${row.command} | ${row.cpuMs} ms (${row.cpuP10Ms}–${row.cpuP90Ms}) | ${row.cpuRatioToNode} | ${row.wallMs} ms (${row.wallP10Ms}–${row.wallP90Ms}) | ${row.wallRatioToNode} | ${row.peakMiB} MiB | ${row.target === null ? '' : `≤ ${row.target} ×`} | ${row.met === null ? '' : row.met ? 'yes' : 'no'} |`,
    )
}

try {
  cpSync(join(root, 'examples', 'quickstart'), cwd, {recursive: true})
  measure([process.execPath, bin, 'apply', '--auto-approve'], {cwd, env})
  const benchFolder = process.cwd()
  process.chdir(cwd)
  try {
    for (const floor of floors) await bundleCommand({...floor, argv: []})
  } finally {
    process.chdir(benchFolder)
  }
  const loadBefore = loadAverage()
  const rows = measureAll(env)
  const nodeVariables = Object.keys(process.env).filter((name) => name.startsWith('NODE_'))
  const withNodeVariables = nodeVariables.length > 0 ? measureAll({...env, ...Object.fromEntries(nodeVariables.map((name) => [name, process.env[name]]))}) : []
  const machine = {node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown'}
  const loads = {before: loadBefore, after: loadAverage()}
  console.log(`cold start, ${runs} runs each, ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}; load ${loads.before.join(' ')}`)
  table(rows)
  if (withNodeVariables.length > 0) {
    console.log(`\nthe same with the caller's ${nodeVariables.join(', ')} (every start of Node pays for them, the baseline's included):`)
    table(withNodeVariables)
  }
  const result = {benchmark: 'cold-start', date: new Date().toISOString(), machine, runs, loadAverage: loads, rows, nodeVariables, withNodeVariables}
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`)
} finally {
  rmSync(cwd, {recursive: true, force: true})
  for (const floor of floors) for (const file of [floor.file, floor.cache]) rmSync(file, {force: true})
}
