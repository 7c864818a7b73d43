import {spawnSync} from 'node:child_process'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {layeringViolations} from '../../scripts/layers.mjs'
import {workspace} from '../helpers.js'

const ROOT = join(import.meta.dirname, '..', '..')
const check = (cwd: string) => spawnSync(process.execPath, [join(ROOT, 'scripts', 'check-layers.mjs'), join(cwd, 'src')], {encoding: 'utf8'})
const at = (file: string, target: string, external = false) => ({file, line: 3, target, external})

interface LayerCase {
  readonly name: string
  readonly imports: ReturnType<typeof at>[]
  readonly problems: readonly string[]
}

const cases: LayerCase[] = [
  {
    name: 'a command that reaches past the library entry',
    imports: [at('commands/plan.ts', 'operations/plan.js')],
    problems: ['src/commands/plan.ts:3: commands/ may import only the library entry src/index.ts, renderers and oclif, not operations/plan.js'],
  },
  {
    name: 'a command doing its own I/O',
    imports: [at('commands/export.ts', 'node:fs', true)],
    problems: ['src/commands/export.ts:3: commands/ may not import node:fs; it reaches the library only through src/index.ts'],
  },
  {
    name: 'a command on the entry, a renderer, its support and oclif',
    imports: [
      at('commands/plan.ts', 'index.js'),
      at('commands/plan.ts', 'render/plan.js'),
      at('commands/plan.ts', 'cli/flags.js'),
      at('commands/plan.ts', '@oclif/core/flags', true),
    ],
    problems: [],
  },
  {
    name: 'the planner reading a renderer',
    imports: [at('plan/diff.ts', 'render/values.js')],
    problems: ['src/plan/diff.ts:3: plan/ may not import from render/ (render/values.js)'],
  },
  {
    name: 'the model reading apply',
    imports: [at('model/desired.ts', 'apply/apply-plan.js')],
    problems: ['src/model/desired.ts:3: model/ may not import from apply/ (apply/apply-plan.js)'],
  },
  {
    name: 'configuration running rules',
    imports: [at('config/load.ts', 'rules/index.js')],
    problems: ['src/config/load.ts:3: config/ may not import from rules/ (rules/index.js)'],
  },
  {
    name: 'two folders importing each other',
    imports: [at('render/plan.ts', 'export/terraform.js'), at('export/terraform.ts', 'render/values.js')],
    problems: ['folders import each other in a cycle: export, render (src/export/terraform.ts:3 → render/; src/render/plan.ts:3 → export/)'],
  },
]

describe('the layering of src/', () => {
  it.each(cases)('$name', ({imports, problems}) => {
    expect(layeringViolations(imports)).toEqual(problems)
  })

  it('npm run lint fails on a deliberate violation, naming the file and line', () => {
    const cwd = workspace({
      'src/index.ts': "export {plan} from './plan/plan.js'\n",
      'src/plan/plan.ts': "import {shown} from '../render/text.js'\n\nexport const plan = shown\n",
      'src/commands/plan.ts': "import {readFileSync} from 'node:fs'\nimport {plan} from '../index.js'\n",
      'src/render/text.ts': 'export const shown = 1\n',
    })
    const run = check(cwd)
    expect(run.status).toBe(1)
    expect(run.stderr).toBe(
      [
        'src/commands/plan.ts:1: commands/ may not import node:fs; it reaches the library only through src/index.ts',
        'src/plan/plan.ts:1: plan/ may not import from render/ (render/text.js)',
        'layering: 2 violations',
        '',
      ].join('\n'),
    )
  })

  it('holds for the source as it is', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'check-layers.mjs')], {encoding: 'utf8'})
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
  })
})
