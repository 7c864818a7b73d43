#!/usr/bin/env node
// bin/ is CommonJS (bin/package.json): Node starts a CommonJS entry without its ES module loader, a few ms of every start.
const {bundledCommand, root} = require('./bundled.js')

// Exit codes are a published contract (0 ok, 1 error, 2 changes pending, 3 blocked, 4 drift, 5 console steps pending), so oclif's
// own failures (an unknown command, a bad flag) become one line and exit 1, never 2.
async function main(argv) {
  try {
    const bundled = bundledCommand(argv)
    if (bundled) {
      await bundled.command.run(argv.slice(1), await bundled.configOptions())
      await bundled.flush()
    } else {
      const [{run}, {flush}] = await Promise.all([import('@oclif/core/run'), import('@oclif/core/flush')])
      await run(argv, {root})
      await flush()
    }
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
}

main(process.argv.slice(2))
