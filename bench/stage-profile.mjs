// Where one command's CPU goes, by stage: the command runs once through the library (dist/, not the bundle,
// so functions keep their names) under V8's sampling profiler, and each sample is counted for the outermost
// stage on its stack (the innermost, when one stage runs inside another). Used by bench/workload.mjs for the plan with nothing to do.
// Usage (the child): node --cpu-prof --cpu-prof-dir=DIR bench/stage-profile.mjs plan|apply FOLDER
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

/** Stages in the order a plan runs them, each named by the function that does it and the file it is in. */
export const STAGES = [
  ['reading configuration files', 'readSources', 'config/source.js'],
  ['YAML values (value-only pass)', 'readValues', 'config/yaml-values.js'],
  ['YAML read exactly (positions)', 'parseFileExactly', 'config/yaml-tree.js'],
  ['positions asked for', 'at', 'config/yaml-tree.js'],
  ['${…} references', 'substitute', 'config/substitute.js'],
  ['merging files and templates', 'compose', 'config/compose.js'],
  ['schema walk', 'walkSchema', 'config/schema.js'],
  ['schema validation (ajv)', 'validateAgainstSchema', 'config/validate-schema.js'],
  ['offline rules', 'checkOfflineRules', 'rules/check.js'],
  ['desired state', 'buildDesired', 'model/desired.js'],
  ['live state read (emulator)', 'read', 'providers/emulator/emulator.js'],
  ['diff and plan rules', 'planWithLive', 'plan/compute-plan.js'],
  ['applying', 'applyPlan', 'apply/apply-plan.js'],
]

/** Milliseconds of CPU per stage, garbage collection apart, and the rest (Node's start, loading modules, output). */
export function stagesOf(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const stageOf = (node) => STAGES.findIndex(([, name, file]) => node.callFrame.functionName === name && node.callFrame.url.endsWith(file))
  const totals = new Map()
  let all = 0
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000
    all += ms
    let label = byId.get(id).callFrame.functionName === '(garbage collector)' ? 'garbage collection' : 'start, modules, output and the rest'
    for (let at = id; at !== undefined && label === 'start, modules, output and the rest'; at = parent.get(at)) {
      const stage = stageOf(byId.get(at))
      if (stage >= 0) label = STAGES[stage][0]
    }
    totals.set(label, (totals.get(label) ?? 0) + ms)
  })
  const order = [...STAGES.map(([label]) => label), 'garbage collection', 'start, modules, output and the rest']
  return {
    totalMs: Math.round(all),
    stages: order
      .filter((label) => totals.has(label))
      .map((label) => ({stage: label, ms: Math.round(totals.get(label)), share: Number((totals.get(label) / all).toFixed(3))})),
  }
}

/** Runs `command` once on the configuration in `cwd` under the profiler and returns its stages. */
export function profileStages(command, {cwd, env}) {
  const dir = mkdtempSync(join(tmpdir(), 'chatcfg-profile-'))
  try {
    const result = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, join(import.meta.dirname, 'stage-profile.mjs'), command, cwd], {
      env,
      encoding: 'utf8',
    })
    if (result.status !== 0) throw new Error(`profiled ${command} failed: ${result.stderr}`)
    const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'))
    return stagesOf(JSON.parse(readFileSync(join(dir, file), 'utf8')))
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

if (process.argv[1] === import.meta.filename) {
  const [command, cwd] = process.argv.slice(2)
  const library = await import('../dist/index.js')
  const request = {paths: [], cwd, env: process.env, toolVersion: 'bench'}
  if (command === 'plan') {
    const outcome = await library.planFromFiles(request)
    if (!outcome.ok) throw new Error(outcome.diagnostics.map((d) => d.message).join('; '))
  } else throw new Error(`unknown command ${command}`)
}
