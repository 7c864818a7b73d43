import {readdirSync, readFileSync, realpathSync, statSync} from 'node:fs'
import {dirname, extname, join, relative, resolve, sep} from 'node:path'
import type {Diagnostic, SourceRange} from '../diagnostics/diagnostic.js'
import {LineIndex} from './line-index.js'

/** Larger files are refused before parsing: a real configuration is far smaller, and this bounds memory and time. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024

/** One configuration file as read from disk. Later stages never touch the file system for it again. */
export interface SourceFile {
  /** The path shown to users: relative to the working directory when inside it. */
  readonly path: string
  /** The real folder of the file; `${file:…}` references resolve inside it. */
  readonly folder: string
  readonly text: string
  readonly lines: LineIndex
}

export interface ReadSourcesResult {
  readonly files: SourceFile[]
  readonly diagnostics: Diagnostic[]
}

const YAML_EXTENSIONS = new Set(['.yaml', '.yml'])

export function rangeAt(file: SourceFile, start: number, end = start): SourceRange {
  return {file: file.path, start: file.lines.position(start), end: file.lines.position(end)}
}

function displayPath(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute)
  return rel === '' || rel.startsWith('..') ? absolute : rel
}

function fileProblem(path: string, code: Diagnostic['code'], message: string): Diagnostic {
  const at = {line: 1, column: 1, offset: 0}
  return {severity: 'error', code, message, source: {file: path, start: at, end: at}}
}

/** Lists the YAML files of a folder and its subfolders in a stable order, skipping hidden folders and node_modules. */
function listYamlFiles(folder: string): string[] {
  const found: string[] = []
  const entries = readdirSync(folder, {withFileTypes: true}).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const full = join(folder, entry.name)
    // Follow symbolic links to files; links to folders are not followed (they could loop).
    const isFile = entry.isFile() || (entry.isSymbolicLink() && statSync(full, {throwIfNoEntry: false})?.isFile() === true)
    if (entry.isDirectory()) found.push(...listYamlFiles(full))
    else if (isFile && YAML_EXTENSIONS.has(extname(entry.name))) found.push(full)
  }
  return found
}

/** Offset of the first character a strict UTF-8 decoder would reject, or -1 when the bytes are valid text. */
function firstInvalidText(bytes: Buffer): {offset: number; reason: string} | undefined {
  const nul = bytes.indexOf(0)
  const lossy = bytes.toString('utf8')
  let text: string | undefined
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(bytes)
  } catch {
    const bad = lossy.indexOf('\uFFFD')
    return {offset: Math.max(bad, 0), reason: 'is not valid UTF-8 text'}
  }
  if (nul >= 0) return {offset: text.indexOf('\0'), reason: 'contains a NUL byte; it looks like a binary file'}
  return undefined
}

function readOne(absolute: string, cwd: string): SourceFile | Diagnostic {
  const shown = displayPath(absolute, cwd)
  let bytes: Buffer
  try {
    const size = statSync(absolute).size
    if (size > MAX_FILE_BYTES) {
      return fileProblem(shown, 'config/file-too-large', `file is ${size} bytes; chatcfg reads configuration files of at most ${MAX_FILE_BYTES} bytes`)
    }
    bytes = readFileSync(absolute)
  } catch (error) {
    return fileProblem(shown, 'config/file-unreadable', `cannot read file: ${(error as NodeJS.ErrnoException).code ?? 'error'}`)
  }
  const invalid = firstInvalidText(bytes)
  if (invalid) {
    const lossy = bytes.toString('utf8')
    const lines = new LineIndex(lossy)
    const at = lines.position(invalid.offset)
    return {severity: 'error', code: 'config/not-text', message: `file ${invalid.reason}`, source: {file: shown, start: at, end: at}}
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '')
  return {path: shown, folder: realpathSync(dirname(absolute)), text, lines: new LineIndex(text)}
}

/**
 * Reads configuration files. Each path is a file or a folder (all *.yaml and *.yml files below it).
 * Problems with one file do not stop the others from being read.
 */
export function readSources(paths: readonly string[], cwd: string): ReadSourcesResult {
  const files: SourceFile[] = []
  const diagnostics: Diagnostic[] = []
  const seen = new Set<string>()
  for (const given of paths) {
    const absolute = resolve(cwd, given)
    let targets: string[]
    try {
      targets = statSync(absolute).isDirectory() ? listYamlFiles(absolute) : [absolute]
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      diagnostics.push(
        code === 'ENOENT'
          ? fileProblem(given, 'config/no-input', 'no such file or folder')
          : fileProblem(given, 'config/file-unreadable', `cannot read: ${code ?? 'error'}`),
      )
      continue
    }
    if (targets.length === 0) {
      diagnostics.push(fileProblem(given, 'config/no-input', `folder holds no .yaml or .yml files`))
      continue
    }
    for (const target of targets) {
      const real = safeRealpath(target)
      if (seen.has(real)) continue
      seen.add(real)
      const read = readOne(target, cwd)
      if ('text' in read) files.push(read)
      else diagnostics.push(read)
    }
  }
  return {files, diagnostics}
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return path
  }
}

/** True when `candidate` is `folder` itself or lies below it. */
export function isWithin(folder: string, candidate: string): boolean {
  return candidate === folder || candidate.startsWith(folder.endsWith(sep) ? folder : folder + sep)
}
