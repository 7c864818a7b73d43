import type {Hook} from '@oclif/core/hooks'
import {closest} from '../index.js'

/** An unknown command is one line that names the closest command there is, and runs nothing: a guess is never run for the user. */
const commandNotFound: Hook.CommandNotFound = async ({id, config}) => {
  const typed = id.replaceAll(':', ' ')
  const suggestion = closest(
    typed,
    config.commandIDs.map((command) => command.replaceAll(':', ' ')),
  )
  const hint = suggestion ? `; did you mean ${config.bin} ${suggestion}?` : ''
  throw new Error(`${config.bin} ${typed} is not a command${hint} (${config.bin} --help lists them)`)
}

export default commandNotFound
