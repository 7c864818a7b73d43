import {readdirSync, realpathSync, statSync} from 'node:fs'
import {dirname, extname, join, relative, resolve, sep} from 'node:path'
import type {Diagnostic, SourceRange} from '../diagnostics/diagnostic.js'
import {readBounded} from './bounded-read.js'
import {MAX_FILE_BYTES, MAX_FILES, MAX_TOTAL_BYTES} from './limits.js'
import {LineIndex} from './line-index.js'

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

/** A file found in a folder: its path, or why it may not be read. */
type Found = {readonly path: string; readonly outside?: true}

const byName = (a: {name: string}, b: {name: string}) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

/**
 * Lists the YAML files of a folder and its subfolders in a stable order, skipping hidden folders and
 * node_modules. Links to folders are not followed (they could loop); a link to a file is followed only
 * when the file lies inside `root`, as ${file:} references are, so a link cannot pull in a file from
 * elsewhere. Anything else named *.yaml (a device, a pipe) is listed, so reading it reports it.
 */
function listYamlFiles(folder: string, root: string, found: Found[]): Found[] {
  for (const entry of readdirSync(folder, {withFileTypes: true}).sort(byName)) {
    if (found.length > MAX_FILES) break
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const full = join(folder, entry.name)
    if (entry.isDirectory()) {
      listYamlFiles(full, root, found)
      continue
    }
    if (!YAML_EXTENSIONS.has(extname(entry.name))) continue
    if (!entry.isSymbolicLink()) {
      found.push({path: full})
      continue
    }
    const target = safeRealpath(full)
    if (target === undefined || statSync(target, {throwIfNoEntry: false})?.isDirectory() !== false) continue
    found.push(isWithin(root, target) ? {path: full} : {path: full, outside: true})
  }
  return found
}

/** The file's text, decoded once; or where a strict UTF-8 decoder stops, or where a NUL byte says it is binary. */
function decodeText(bytes: Buffer): {text: string} | {offset: number; reason: string} {
  let text: string
  try {
    // The decoder drops a byte order mark, as chatcfg reads files.
    text = new TextDecoder('utf-8', {fatal: true}).decode(bytes)
  } catch {
    const bad = bytes.toString('utf8').indexOf('\uFFFD')
    return {offset: Math.max(bad, 0), reason: 'is not valid UTF-8 text'}
  }
  if (bytes.indexOf(0) >= 0) return {offset: text.indexOf('\0'), reason: 'contains a NUL byte; it looks like a binary file'}
  return {text}
}

function readOne(absolute: string, cwd: string): SourceFile | Diagnostic {
  const shown = displayPath(absolute, cwd)
  const read = readBounded(absolute, MAX_FILE_BYTES)
  if ('refused' in read) {
    switch (read.refused) {
      case 'not-a-file':
        return fileProblem(shown, 'config/not-a-file', `is ${read.kind}, not a file; chatcfg reads configuration from regular files only`)
      case 'too-large':
        return fileProblem(shown, 'config/file-too-large', `file is ${read.size} bytes; chatcfg reads configuration files of at most ${MAX_FILE_BYTES} bytes`)
      case 'unreadable':
        return fileProblem(shown, 'config/file-unreadable', `cannot read file: ${read.reason}`)
    }
  }
  const decoded = decodeText(read.bytes)
  if (!('text' in decoded)) {
    const at = new LineIndex(read.bytes.toString('utf8')).position(decoded.offset)
    return {severity: 'error', code: 'config/not-text', message: `file ${decoded.reason}`, source: {file: shown, start: at, end: at}}
  }
  const {text} = decoded
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
  let totalBytes = 0
  for (const given of paths) {
    const absolute = resolve(cwd, given)
    let targets: Found[]
    try {
      targets = statSync(absolute).isDirectory() ? listYamlFiles(absolute, realpathSync(absolute), []) : [{path: absolute}]
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
      const real = safeRealpath(target.path) ?? target.path
      if (seen.has(real)) continue
      seen.add(real)
      if (seen.size > MAX_FILES) {
        diagnostics.push(
          fileProblem(
            displayPath(target.path, cwd),
            'config/too-many-files',
            `more than ${MAX_FILES} configuration files; chatcfg reads at most ${MAX_FILES} in one run`,
          ),
        )
        return {files, diagnostics}
      }
      if (target.outside) {
        diagnostics.push(
          fileProblem(
            displayPath(target.path, cwd),
            'config/outside-folder',
            `links to a file outside ${given}; files found in a configuration folder must lie inside it`,
          ),
        )
        continue
      }
      const read = readOne(target.path, cwd)
      if (!('text' in read)) {
        diagnostics.push(read)
        continue
      }
      totalBytes += Buffer.byteLength(read.text)
      if (totalBytes > MAX_TOTAL_BYTES) {
        diagnostics.push(
          fileProblem(
            read.path,
            'config/file-too-large',
            `the configuration files together exceed ${MAX_TOTAL_BYTES} bytes; chatcfg reads at most that much in one run`,
          ),
        )
        return {files, diagnostics}
      }
      files.push(read)
    }
  }
  return {files, diagnostics}
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path)
  } catch {
    return undefined
  }
}

/** True when `candidate` is `folder` itself or lies below it. */
export function isWithin(folder: string, candidate: string): boolean {
  return candidate === folder || candidate.startsWith(folder.endsWith(sep) ? folder : folder + sep)
}
