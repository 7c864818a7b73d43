// Input limits: each kind of hostile input found by an attack on the reader and the parser (devices,
// named pipes, links out of a folder, oversized files and references, 30,000 keys in a map, a flow list of
// a million items, 10⁵-deep nesting, a file at the value limit, alias bombs, binary and empty files) is run
// through the built CLI in its own process. Each must end with exactly one located error of its code and
// exit 1; its wall time, CPU time and peak memory are recorded. Then SIGTERM and SIGINT are sent to `plan`
// of the largest configuration an account can hold, at several moments: it must end promptly by that signal.
import {spawn} from 'node:child_process'
import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {BENCH_ENV, configurationYaml} from '../bench/configs.mjs'
import {MAX_DEPTH, MAX_FILE_BYTES, MAX_ITEMS_PER_LIST, MAX_KEYS_PER_MAP, MAX_REFERENCED_FILE_BYTES, MAX_VALUES_PER_FILE} from '../dist/config/limits.js'
import {BIN, random, remove, workspace} from './common.mjs'

/**
 * What is asked of each kind: devices, pipes, links and sizes end within a second, parsing within 2 s and
 * 300 MB. A file at the per-file value limit is as large as the largest real configuration (300 fully
 * configured apps, validated below for comparison), so it is held to what that one costs.
 */
const TARGET = {read: {seconds: 1, rssMiB: 300}, parse: {seconds: 2, rssMiB: 300}, size: {seconds: 10, rssMiB: 512}}
/** Far beyond any target: a run still going after this is a hang. */
const HANG_SECONDS = 60
const CANARY = 'canary-outside-the-folder-41d7'
const LOCATED = /^(\S.*):(\d+):(\d+): error\[([a-z-]+\/[a-z-]+)\]: /

/** Runs the CLI and reports, from inside the child, its CPU time and peak resident memory as it exits. */
function measure(args, {cwd, env = {}, signalAfterMs, signal} = {}) {
  const probe = `process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('\\n@@usage ' + JSON.stringify({cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKiB: u.maxRSS}) + '\\n') })`
  return new Promise((resolve) => {
    const start = performance.now()
    const child = spawn(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(probe)}`, BIN, ...args], {
      cwd,
      env: {PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env},
    })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    let signalledAt
    const hang = setTimeout(() => child.kill('SIGKILL'), HANG_SECONDS * 1000)
    const signalTimer = signal
      ? setTimeout(() => {
          signalledAt = performance.now()
          child.kill(signal)
        }, signalAfterMs)
      : undefined
    child.on('close', (code, endedBy) => {
      clearTimeout(hang)
      clearTimeout(signalTimer)
      const end = performance.now()
      const usageLine = /\n@@usage (.*)\n/.exec(output)
      const usage = usageLine ? JSON.parse(usageLine[1]) : undefined
      resolve({
        code,
        signal: endedBy,
        seconds: Number(((end - start) / 1000).toFixed(2)),
        afterSignalMs: signalledAt === undefined ? undefined : Math.round(end - signalledAt),
        cpuSeconds: usage ? Number((usage.cpuMs / 1000).toFixed(2)) : undefined,
        peakRssMiB: usage ? Math.round(usage.maxRssKiB / 1024) : undefined,
        output: output.replace(/\n@@usage .*\n/, ''),
      })
    })
  })
}

const keys = (count) => `version: 1\napps:\n  demo:\n    name: Demo\n    accounts:\n${Array.from({length: count}, (_, i) => `      user${i}: {}\n`).join('')}`
const flowList = (count) =>
  `version: 1\napps:\n  demo:\n    name: Demo\n    groups:\n      g:\n        type: Work\n        members: [${Array(count).fill('u').join(',')}]\n`
const nested = (levels, open, close) => `version: 1\napps:\n  demo:\n    name: Demo\n    tags: ${open.repeat(levels)}x${close.repeat(levels)}\n`
const nestedBlock = (levels) => `version: 1\napps:\n  demo:\n    name: Demo\n    tags:\n      ${'- '.repeat(levels)}x\n`
const atValueLimit = () => {
  const each = MAX_ITEMS_PER_LIST - 1
  const lists = Math.ceil(MAX_VALUES_PER_FILE / each) + 1
  return `version: 1\nx:\n${Array.from({length: lists}, (_, i) => `  l${i}: [${Array(each).fill('1').join(',')}]\n`).join('')}`
}
const aliasBomb = `version: 1\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n`

/** Files no parser should see: random bytes, NULs, empty, blank, a lone byte-order mark, comments only. */
const UNREADABLE_KINDS = [
  (next) => Buffer.from(Array.from({length: 1 + Math.floor(next() * 400)}, () => Math.floor(next() * 256))),
  (next) => Buffer.concat([Buffer.from('version: 1\napps:'), Buffer.alloc(1 + Math.floor(next() * 8))]),
  () => Buffer.alloc(0),
  (next) => Buffer.from(' \n\t\n\r\n'.slice(0, 1 + Math.floor(next() * 6))),
  () => Buffer.from('\ufeff'),
  () => Buffer.from('# nothing but a comment\n'),
  () => Buffer.from([0xef, 0xbb]),
]

function unreadableTexts(count, next) {
  return Array.from({length: count}, (_, i) => UNREADABLE_KINDS[i % UNREADABLE_KINDS.length](next))
}

/** The hostile inputs: how each is set up, and the one located error it must end with. */
function cases(quick) {
  const all = [
    {name: 'validate /dev/zero', kind: 'read', args: ['validate', '/dev/zero'], expect: ['config/not-a-file', '/dev/zero:1:1']},
    {name: 'validate /dev/urandom', kind: 'read', args: ['validate', '/dev/urandom'], expect: ['config/not-a-file', '/dev/urandom:1:1']},
    {name: 'plan /dev/zero', kind: 'read', args: ['plan', '/dev/zero'], expect: ['config/not-a-file', '/dev/zero:1:1']},
    {name: 'a named pipe with no writer', kind: 'read', fifo: 'pipe.yaml', args: ['validate', 'pipe.yaml'], expect: ['config/not-a-file', 'pipe.yaml:1:1']},
    {
      name: 'a link in a folder to a file outside it',
      kind: 'read',
      files: {'conf/chatcfg.yaml': 'version: 1\n', 'outside/apps.yaml': `version: 1\napps: { a: { name: ${CANARY} } }\n`},
      links: [['../outside/apps.yaml', 'conf/linked.yaml']],
      args: ['validate', 'conf'],
      expect: ['config/outside-folder', 'conf/linked.yaml:1:1'],
    },
    {
      name: `a file over ${MAX_FILE_BYTES} bytes`,
      kind: 'read',
      files: {'chatcfg.yaml': `version: 1\n# ${'x'.repeat(MAX_FILE_BYTES)}\n`},
      args: ['validate'],
      expect: ['config/file-too-large', 'chatcfg.yaml:1:1'],
    },
    {
      name: 'a ${file:} reference to a named pipe',
      kind: 'read',
      files: {'chatcfg.yaml': 'version: 1\napps:\n  demo:\n    name: Demo\n    introduction: ${file:pipe.txt}\n'},
      fifo: 'pipe.txt',
      args: ['validate', '--resolve'],
      expect: ['config/file-reference', 'chatcfg.yaml:5:19'],
    },
    {
      name: `a \${file:} reference over ${MAX_REFERENCED_FILE_BYTES} bytes`,
      kind: 'read',
      files: {
        'chatcfg.yaml': 'version: 1\napps:\n  demo:\n    name: Demo\n    introduction: ${file:big.txt}\n',
        'big.txt': 'x'.repeat(MAX_REFERENCED_FILE_BYTES + 1),
      },
      args: ['validate', '--resolve'],
      expect: ['config/file-reference', 'chatcfg.yaml:5:19'],
    },
    {
      name: '30,000 keys in one map',
      kind: 'parse',
      files: {'chatcfg.yaml': keys(30_000)},
      args: ['validate'],
      expect: ['config/too-many-keys', `chatcfg.yaml:${MAX_KEYS_PER_MAP + 6}:7`],
    },
    {
      name: 'a flow list of a million items (2 MB)',
      kind: 'parse',
      files: {'chatcfg.yaml': flowList(1_000_000)},
      args: ['validate'],
      expect: ['config/too-many-items', `chatcfg.yaml:8:${19 + 2 * MAX_ITEMS_PER_LIST}`],
    },
    {
      name: '10⁵ nested flow lists',
      kind: 'parse',
      files: {'chatcfg.yaml': nested(100_000, '[', ']')},
      args: ['validate'],
      expect: ['config/too-deep', `chatcfg.yaml:5:${11 + MAX_DEPTH - 2}`],
    },
    {
      name: '10⁵ nested flow maps',
      kind: 'parse',
      files: {'chatcfg.yaml': nested(100_000, '{a: ', '}')},
      args: ['validate'],
      expect: ['config/too-deep', `chatcfg.yaml:5:${11 + 4 * (MAX_DEPTH - 2)}`],
    },
    {
      name: '10⁵ nested block lists',
      kind: 'parse',
      files: {'chatcfg.yaml': nestedBlock(100_000)},
      args: ['validate'],
      expect: ['config/too-deep', `chatcfg.yaml:6:${7 + 2 * (MAX_DEPTH - 2)}`],
    },
    {
      name: `more than ${MAX_VALUES_PER_FILE} values in one file`,
      kind: 'size',
      files: {'chatcfg.yaml': atValueLimit()},
      args: ['validate'],
      expect: ['config/too-many-values'],
    },
    {name: 'an alias bomb', kind: 'parse', files: {'chatcfg.yaml': aliasBomb}, args: ['validate'], expect: ['config/yaml-alias-limit']},
    {name: 'for comparison: 300 fully configured apps, valid', kind: 'size', files: {'chatcfg.yaml': configurationYaml(300)}, args: ['validate'], expect: []},
  ]
  const quickOnes = new Set([
    'validate /dev/zero',
    'a named pipe with no writer',
    'a link in a folder to a file outside it',
    '30,000 keys in one map',
    '10⁵ nested flow lists',
  ])
  return quick ? all.filter((c) => quickOnes.has(c.name)) : all
}

function setUp(testCase) {
  const cwd = workspace(testCase.files ?? {})
  for (const [target, link] of testCase.links ?? []) symlinkSync(target, join(cwd, link))
  return cwd
}

/** Named pipes are made by mkfifo(1): Node has no call for it. */
function makeFifo(path) {
  return new Promise((resolve, reject) =>
    spawn('mkfifo', [path]).on('close', (code) => (code === 0 ? resolve() : reject(new Error(`mkfifo ${path}: ${code}`)))),
  )
}

/** The error lines of a run, each as [code, file:line:col]; a line that is not located is kept whole. */
function errorLines(output) {
  return output
    .split('\n')
    .filter((line) => line.includes('error'))
    .filter((line) => !/^invalid: /.test(line))
    .map((line) => {
      const match = LOCATED.exec(line)
      return match ? [match[4], `${match[1]}:${match[2]}:${match[3]}`] : ['unlocated', line]
    })
}

export async function inputLimitsCampaign({quick = false, unreadable = quick ? 50 : 500, signalRuns = quick ? 0 : 6, seed = 1} = {}) {
  const problems = []
  const rows = []
  const baselineCwd = workspace({'chatcfg.yaml': 'version: 1\n'})
  const baseline = await measure(['validate'], {cwd: baselineCwd})
  remove(baselineCwd)
  for (const testCase of cases(quick)) {
    const cwd = setUp(testCase)
    if (testCase.fifo) await makeFifo(join(cwd, testCase.fifo))
    const run = await measure(testCase.args, {cwd})
    remove(cwd)
    const errors = errorLines(run.output)
    const [code, at] = testCase.expect
    const target = TARGET[testCase.kind]
    const row = {
      input: testCase.name,
      error: errors.map(([c, where]) => `${c} at ${where}`).join('; '),
      exit: run.code,
      seconds: run.seconds,
      cpuSeconds: run.cpuSeconds,
      peakRssMiB: run.peakRssMiB,
      withinTarget: run.seconds <= target.seconds && run.peakRssMiB <= target.rssMiB,
    }
    rows.push(row)
    const valid = testCase.expect.length === 0
    if (run.code !== (valid ? 0 : 1)) problems.push(`${testCase.name}: exit ${run.code}${run.signal ? ` (${run.signal})` : ''}, expected ${valid ? 0 : 1}`)
    if (valid ? errors.length > 0 : errors.length !== 1 || errors[0][0] !== code || (at && errors[0][1] !== at))
      problems.push(`${testCase.name}: expected one ${code}${at ? ` at ${at}` : ''}, got ${row.error || run.output.slice(0, 200)}`)
    if (/\n\s+at .+:\d+:\d+\)?\n/.test(run.output)) problems.push(`${testCase.name}: a stack trace in the output`)
    if (run.output.includes(CANARY)) problems.push(`${testCase.name}: content of a file outside the folder was shown`)
    if (run.peakRssMiB > target.rssMiB) problems.push(`${testCase.name}: peak memory ${run.peakRssMiB} MiB, over ${target.rssMiB} MiB`)
  }

  // Binary, empty and blank files: one of each kind alone, then many in one folder. Every error line is
  // located; in the folder, files refused while reading hide the later checks of the others, by design.
  const next = random(seed)
  const kinds = UNREADABLE_KINDS.length
  for (const [index, bytes] of unreadableTexts(kinds, next).entries()) {
    const cwd = workspace({'chatcfg.yaml': bytes})
    const run = await measure(['validate'], {cwd})
    remove(cwd)
    const errors = errorLines(run.output)
    if (run.code !== 1 || errors.length !== 1 || errors[0][0] === 'unlocated' || !errors[0][1].startsWith('chatcfg.yaml:'))
      problems.push(`unreadable file of kind ${index}: exit ${run.code}, ${JSON.stringify(errors)}`)
  }
  const texts = unreadableTexts(unreadable, next)
  const folder = workspace({})
  mkdirSync(join(folder, 'conf'))
  for (const [i, bytes] of texts.entries()) writeFileSync(join(folder, 'conf', `f${String(i).padStart(4, '0')}.yaml`), bytes)
  const batch = await measure(['validate', 'conf'], {cwd: folder})
  remove(folder)
  const batchErrors = errorLines(batch.output)
  const located = batchErrors.filter(([code]) => code !== 'unlocated')
  const filesWithError = new Set(located.map(([, at]) => at.split(':')[0]))
  if (batch.code !== 1) problems.push(`unreadable files: exit ${batch.code}`)
  if (batchErrors.length !== located.length) problems.push(`unreadable files: ${batchErrors.length - located.length} error lines without a position`)

  // Signals: plan of 300 fully configured apps, stopped at moments spread over its run.
  const signals = []
  if (signalRuns > 0) {
    const cwd = workspace({'chatcfg.yaml': configurationYaml(300)})
    const whole = await measure(['plan'], {cwd, env: BENCH_ENV})
    for (let i = 0; i < signalRuns; i++) {
      const signal = i % 2 === 0 ? 'SIGTERM' : 'SIGINT'
      const afterMs = Math.round(((i + 1) / (signalRuns + 1)) * whole.seconds * 1000)
      const run = await measure(['plan'], {cwd, env: BENCH_ENV, signal, signalAfterMs: afterMs})
      const number = signal === 'SIGTERM' ? 15 : 2
      const endedBySignal = run.signal === signal || run.code === 128 + number
      signals.push({signal, afterMs, endedMsLater: run.afterSignalMs, endedBy: run.signal ?? `exit ${run.code}`})
      if (!endedBySignal && run.code !== 0 && run.code !== 2) problems.push(`${signal} at ${afterMs} ms: ended with exit ${run.code}`)
      if (run.afterSignalMs > 1000) problems.push(`${signal} at ${afterMs} ms: plan ended ${run.afterSignalMs} ms later`)
    }
    remove(cwd)
    signals.unshift({signal: 'none', planSeconds: whole.seconds, exit: whole.code, peakRssMiB: whole.peakRssMiB})
  }

  return {
    campaign: 'input-limits',
    seed,
    inputs: rows.length,
    startup: {seconds: baseline.seconds, cpuSeconds: baseline.cpuSeconds, peakRssMiB: baseline.peakRssMiB},
    rows,
    unreadableFiles: {
      kinds,
      files: texts.length,
      filesWithLocatedErrors: filesWithError.size,
      unlocatedLines: batchErrors.length - located.length,
      seconds: batch.seconds,
    },
    signals,
    problems,
  }
}
