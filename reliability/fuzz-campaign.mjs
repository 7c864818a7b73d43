// Hostile input: seeded mutations of the examples (and of the service's own hostile classics: alias
// bombs, deep nesting, huge scalars, invalid UTF-8, ${file:} escapes through paths and symlinks) fed to
// the loader, the validator and the planner. Never a crash or a stack trace: every input is either
// valid or gets located errors (file:line:col).
import {copyFileSync, cpSync, readdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {applyPlan} from '../dist/apply/apply-plan.js'
import {planConfiguration, validateConfiguration} from '../dist/index.js'
import {Emulator} from '../dist/providers/emulator/emulator.js'
import {renderValidation} from '../dist/render/diagnostics.js'
import {ROOT, random, remove, workspace} from './common.mjs'

const EXAMPLE_ENV = {WEBHOOK_TOKEN: 'example-token', HUAWEI_APP_SECRET: 'example-secret', APNS_P12_PASSWORD: 'example-password'}
const PALETTE = [
  ':',
  '{',
  '}',
  '[',
  ']',
  '&',
  '*',
  '!',
  '|',
  '>',
  "'",
  '"',
  '#',
  '%',
  '@',
  '`',
  '$',
  '${',
  '\t',
  '\n',
  '-',
  '?',
  ',',
  ' ',
  '\u0000',
  '\u00e9',
  '\u{1F600}',
  '\ufeff',
  '\r',
]

function examples() {
  return readdirSync(join(ROOT, 'examples')).flatMap((name) => {
    const folder = join(ROOT, 'examples', name)
    return readdirSync(folder)
      .filter((file) => file.endsWith('.yaml'))
      .map((file) => ({folder, file, text: readFileSync(join(folder, file), 'utf8')}))
  })
}

const pick = (next, items) => items[Math.floor(next() * items.length)]

/** One mutation of a text, chosen by the generator; returns text or bytes. */
function mutate(text, next) {
  const lines = text.split('\n')
  const at = Math.floor(next() * Math.max(1, text.length))
  const line = Math.floor(next() * lines.length)
  switch (Math.floor(next() * 17)) {
    case 14: // another digit: often still valid, so the planner sees a configuration it has not seen
    case 15: {
      const digits = [...text.matchAll(/\d/g)]
      const digit = digits[Math.floor(next() * digits.length)]
      return digit?.index === undefined ? text : text.slice(0, digit.index) + String(Math.floor(next() * 10)) + text.slice(digit.index + 1)
    }
    case 16: {
      // a word added to a plain value
      const values = [...text.matchAll(/: ([A-Za-z][A-Za-z ]*)$/gm)]
      const value = values[Math.floor(next() * values.length)]
      return value?.index === undefined ? text : `${text.slice(0, value.index + value[0].length)}x${text.slice(value.index + value[0].length)}`
    }
    case 0:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 40))
    case 1:
      return [...lines.slice(0, line + 1), lines[line], ...lines.slice(line + 1)].join('\n')
    case 2: {
      const other = Math.floor(next() * lines.length)
      const copy = [...lines]
      ;[copy[line], copy[other]] = [copy[other], copy[line]]
      return copy.join('\n')
    }
    case 3:
      return text.slice(0, at) + pick(next, PALETTE) + text.slice(at)
    case 4:
      return [...lines.slice(0, line), `  ${lines[line]}`, ...lines.slice(line + 1)].join('\n')
    case 5:
      return [...lines.slice(0, line), (lines[line] ?? '').trimStart(), ...lines.slice(line + 1)].join('\n')
    case 6: // a huge scalar, sometimes past the 4 MiB file limit
      return `${text}\nhuge: "${'x'.repeat(next() < 0.2 ? 5 * 1024 * 1024 : 200_000)}"\n`
    case 7: // an alias bomb
      return `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n${text}`
    case 8: // deep nesting
      return next() < 0.5
        ? `${text}\ndeep: ${'['.repeat(5000)}${']'.repeat(5000)}\n`
        : `${text}\n${Array.from({length: 300}, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} x\n`
    case 9: // invalid UTF-8
      return Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(text.slice(at))])
    case 10: // reaching outside the configuration's folder
      return text.replace(
        /: ([A-Za-z][^\n]*)/,
        `: "${pick(next, ['${file:../../../../etc/passwd}', '${file:/etc/hostname}', '${file:escape-link}', '${filebase64:escape-link}', '${env:NOT_SET_ANYWHERE}', '${file:}', '$${not-a-reference}', '${nope:x}'])}"`,
      )
    case 11: // a value of another type
      return text.replace(/: ([A-Za-z0-9][^\n]*)/g, (match) =>
        next() < 0.08 ? pick(next, [': [1, 2]', ': {a: 1}', ': null', ': 1e400', ': -1', ': true', ': ~', ': 99999999999999999999']) : match,
      )
    case 12: // an unknown or repeated key
      return [
        ...lines.slice(0, line),
        lines[line]?.replace(/^(\s*)([A-Za-z]+):/, (_, space, key) => `${space}${next() < 0.5 ? `${key}x` : key}:`) ?? '',
        ...lines.slice(line + 1),
      ].join('\n')
    default:
      return text.slice(0, at)
  }
}

const located = (d) => d.source && d.source.file && d.source.start.line >= 1 && d.source.start.column >= 1

export async function fuzzCampaign({inputs = 10_000, seed = 1} = {}) {
  const next = random(seed)
  const sources = examples()
  const folders = new Map()
  const outside = workspace({'secret.txt': 'outside the configuration folder'})
  for (const source of sources) {
    if (folders.has(source.folder)) continue
    const folder = workspace({})
    cpSync(source.folder, folder, {recursive: true, filter: (path) => !path.includes('.chatcfg')})
    symlinkSync(join(outside, 'secret.txt'), join(folder, 'escape-link'))
    folders.set(source.folder, folder)
  }
  // What each example loads to, so inputs that mutate nothing that matters are told apart; and an emulator
  // per example holding it applied, so half the plans update and delete rather than create from nothing.
  const originals = new Set()
  const populated = new Map()
  for (const folder of folders.values()) {
    const load = validateConfiguration({paths: [folder], cwd: folder, env: EXAMPLE_ENV}).load
    originals.add(JSON.stringify(load.merged))
    const emulator = Emulator.open({path: ':memory:'})
    const planned = await planConfiguration(load, load.config, emulator, {label: 'fuzz'})
    await applyPlan(planned.plan, emulator, planned.desired.secrets)
    populated.set(folder, emulator)
  }
  const distinct = new Set()
  const problems = []
  const tally = {inputs: 0, valid: 0, rejected: 0, planned: 0, plannedAgainstPopulated: 0, bytes: 0}
  try {
    for (let i = 0; i < inputs; i++) {
      const source = pick(next, sources)
      let text = source.text
      const rounds = 1 + Math.floor(next() * 3)
      for (let r = 0; r < rounds && typeof text === 'string'; r++) text = mutate(text, next)
      const folder = folders.get(source.folder)
      const file = join(folder, source.file)
      writeFileSync(file, text)
      tally.inputs++
      tally.bytes += typeof text === 'string' ? Buffer.byteLength(text) : text.length
      try {
        const load = validateConfiguration({paths: [folder], cwd: folder, env: EXAMPLE_ENV}).load
        const errors = load.diagnostics.filter((d) => d.severity === 'error')
        const unlocated = load.diagnostics.filter((d) => !located(d))
        if (unlocated.length > 0)
          problems.push(`input ${i}: ${unlocated.length} diagnostic(s) without a position, first ${unlocated[0].code}: ${unlocated[0].message}`)
        const rendered = renderValidation({files: load.files, diagnostics: load.diagnostics, apps: 0, policies: 0}, 'text', {color: false})
        if (/\n\s+at .+:\d+:\d+\)?\n/.test(rendered)) problems.push(`input ${i}: a stack trace in the output`)
        if (errors.length > 0 || !load.config) {
          tally.rejected++
          continue
        }
        tally.valid++
        const merged = JSON.stringify(load.merged)
        if (!originals.has(merged)) distinct.add(merged)
        const againstPopulated = next() < 0.5
        const emulator = againstPopulated ? populated.get(folder) : Emulator.open({path: ':memory:'})
        try {
          const planned = await planConfiguration(load, load.config, emulator, {label: 'fuzz'})
          tally.planned++
          if (againstPopulated) tally.plannedAgainstPopulated++
          // plan/unsafe is about the plan as a whole (too many deletions of a kind), so it has no position of its own.
          const unlocatedPlan = planned.plan.diagnostics.filter((d) => d.code !== 'plan/unsafe' && !located(d))
          if (unlocatedPlan.length > 0) problems.push(`input ${i}: plan diagnostic without a position: ${unlocatedPlan[0].code}`)
        } finally {
          if (!againstPopulated) emulator.close()
        }
      } catch (error) {
        problems.push(
          `input ${i} (${source.file}): crashed: ${String(error?.stack ?? error)
            .split('\n')
            .slice(0, 3)
            .join(' | ')}`,
        )
        writeFileSync(join(ROOT, 'reliability', 'results', `crash-${seed}-${i}.yaml`), text)
      } finally {
        // Every input starts from the example as it is, in every file of its folder.
        copyFileSync(join(source.folder, source.file), file)
      }
    }
  } finally {
    for (const emulator of populated.values()) emulator.close()
    for (const folder of folders.values()) remove(folder)
    remove(outside)
  }
  return {campaign: 'fuzz', seed, ...tally, distinctConfigurationsPlanned: distinct.size, problems}
}
