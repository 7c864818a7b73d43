import {existsSync, writeFileSync} from 'node:fs'
import {dirname, resolve} from 'node:path'

/** Writes a file the user named; a folder that is not there, or a write that fails, is one line naming the path. */
export function writeOutput(cwd: string, path: string, text: string): string {
  const target = resolve(cwd, path)
  if (!existsSync(dirname(target))) throw new Error(`cannot write ${path}: the folder ${dirname(path)} does not exist; create it first`)
  try {
    writeFileSync(target, text)
  } catch (error) {
    throw new Error(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  return target
}
