#!/usr/bin/env node
import {flush} from '@oclif/core/flush'
import {run} from '@oclif/core/run'

// Exit codes are a published contract (0 ok, 1 error, 2 changes pending, 3 blocked, 4 drift), so oclif's
// own failures (an unknown command, a bad flag) become one line and exit 1, never 2.
try {
  await run(process.argv.slice(2), import.meta.url)
  await flush()
} catch (error) {
  const exit = error?.oclif?.exit
  if (exit === 0) process.exitCode = 0
  else {
    const message = String(error?.message ?? error)
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .join('; ')
    process.stderr.write(`chatcfg: error: ${message}\n`)
    process.exitCode = 1
  }
}
