// One whole process measured from outside: wall time, CPU time (user + system, from the shell's `times`, to
// the millisecond) and peak resident memory (from /usr/bin/time), as a user running the command would see it.
import {spawnSync} from 'node:child_process'
import {loadavg} from 'node:os'

// bash runs the command, then prints its children's CPU times; /usr/bin/time gives the largest resident set of the tree.
const SCRIPT = '"$@" >/dev/null 2>"$MEASURE_STDERR"; status=$?; times >&2; exit $status'

const seconds = (text) => {
  const [, m, s] = /^(\d+)m([\d.]+)s$/.exec(text) ?? []
  return Number(m) * 60 + Number(s)
}

/** Runs `argv` (a command and its arguments) and measures it; `expect` is the exit code it must end with. */
export function measure(argv, {cwd, env, expect = 0}) {
  const start = process.hrtime.bigint()
  const result = spawnSync('/usr/bin/time', ['-f', 'peak-kb %M', 'bash', '-c', SCRIPT, 'measure', ...argv], {
    cwd,
    env: {...env, MEASURE_STDERR: '/dev/null'},
    encoding: 'utf8',
  })
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6
  if (result.status !== expect) throw new Error(`${argv.join(' ')} exited ${result.status}, not ${expect}: ${result.stderr}`)
  // `times` prints the shell's own times, then its children's; /usr/bin/time may add a line about the exit status.
  const times = result.stderr.split('\n').filter((line) => /^\d+m[\d.]+s \d+m[\d.]+s$/.test(line.trim()))
  const peak = Number(/peak-kb (\d+)/.exec(result.stderr)?.[1])
  const [user, system] = times.at(-1).trim().split(/\s+/).map(seconds)
  return {wallMs, cpuMs: (user + system) * 1000, peakMiB: peak / 1024}
}

const quantile = (values, q) => values.toSorted((a, b) => a - b)[Math.min(values.length - 1, Math.round(q * (values.length - 1)))]
const round = (value, digits = 1) => Number(value.toFixed(digits))

/** Median and spread (p10–p90) of each measure over several samples. */
export function summarize(samples) {
  const of = (key) => samples.map((sample) => sample[key])
  return {
    runs: samples.length,
    wallMs: round(quantile(of('wallMs'), 0.5)),
    wallP10Ms: round(quantile(of('wallMs'), 0.1)),
    wallP90Ms: round(quantile(of('wallMs'), 0.9)),
    cpuMs: round(quantile(of('cpuMs'), 0.5)),
    cpuP10Ms: round(quantile(of('cpuMs'), 0.1)),
    cpuP90Ms: round(quantile(of('cpuMs'), 0.9)),
    peakMiB: round(Math.max(...of('peakMiB'))),
  }
}

/** The machine's load while a benchmark ran: several processes sharing its CPUs inflate wall time more than CPU time. */
export const loadAverage = () => loadavg().map((value) => round(value, 2))
