import {userInfo} from 'node:os'
import {stdin, stdout} from 'node:process'
import {createInterface} from 'node:readline/promises'
import type {Attributes, PlannedChange} from '../index.js'
import {consoleStepLines} from '../render/plan-text.js'

/** Asks one question on the terminal and returns the answer as typed. */
export async function ask(question: string): Promise<string> {
  const prompt = createInterface({input: stdin, output: stdout})
  try {
    return await prompt.question(question)
  } finally {
    prompt.close()
  }
}

/**
 * Walks an operator through one change's console steps on the terminal: the steps, then "done?".
 * For an app made in the console it asks for the SDKAppID the console gave it.
 */
export async function walkThroughConsoleSteps(change: PlannedChange, needsSdkAppId: boolean): Promise<Attributes | undefined> {
  const prompt = createInterface({input: stdin, output: stdout})
  // End of input (Ctrl-D) ends the walk-through: the change is left for later, not waited on for ever.
  const closed = new AbortController()
  prompt.once('close', () => closed.abort())
  const ask = (question: string) => prompt.question(question, {signal: closed.signal})
  try {
    stdout.write(
      `\nIn the console, for ${change.address}:\n${consoleStepLines(change)
        .map((line) => `  ${line}\n`)
        .join('')}`,
    )
    const answer = await ask('Done? Type "done" once made, anything else to leave it for later: ')
    if (answer.trim() !== 'done') return undefined
    if (!needsSdkAppId) return {}
    for (;;) {
      const id = (await ask('SDKAppID the console gave the new application: ')).trim()
      if (/^[1-9][0-9]{0,15}$/.test(id)) return {sdkAppId: Number(id)}
      if (id === '') return undefined
      stdout.write('An SDKAppID is a number, such as 1400000001; leave it empty to stop.\n')
    }
  } catch {
    return undefined
  } finally {
    prompt.close()
  }
}

/** All of standard input, or nothing when it is a terminal. */
export async function readStdin(): Promise<string> {
  if (stdin.isTTY) return ''
  const chunks: Buffer[] = []
  for await (const chunk of stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** Who is at the terminal, as the system names them: the default author of what an operator confirms. */
export function loggedInUser(): string {
  return userInfo().username
}
